// The REST API driven as an integrator drives it: real Requests to the /api/v1 route handler over a real
// PostgreSQL, with tokens of any role and scope made for real users (signed in recently, groups mapped to roles).
import { ROLES, type Role } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db.ts';
import { createApiToken } from '@/lib/api/tokens.ts';

export const API_ORIGIN = 'http://localhost:3000';
export const ROLE_MAP = ROLES.map((r) => `g-${r}=${r}`).join(',');

type Route = (request: Request) => Promise<Response>;
let routes: Record<string, Route> | null = null;

/** Call before the first request: the route module reads DATABASE_URL and TOLLGATE_ROLE_MAP. */
export async function loadApi(): Promise<void> {
  process.env.TOLLGATE_ROLE_MAP = ROLE_MAP;
  routes = (await import('@/app/api/v1/[...path]/route.ts')) as unknown as Record<string, Route>;
}

export type Call = {
  token?: string | null;
  body?: unknown;
  raw?: { type: string; data: string | Buffer };
  headers?: Record<string, string>;
};

/** One request; `json` is the parsed body when there is one. */
export async function api(method: string, path: string, call: Call = {}) {
  if (!routes) throw new Error('loadApi() first');
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: BodyInit | undefined;
  if (call.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(call.body);
  } else if (call.raw) {
    headers['content-type'] = call.raw.type;
    body = typeof call.raw.data === 'string' ? call.raw.data : new Uint8Array(call.raw.data);
  }
  const response = await routes[method]!(
    new Request(`${API_ORIGIN}/api/v1${path}`, { method, headers, body, duplex: 'half' } as RequestInit),
  );
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const json = /json/.test(type) && text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  return { status: response.status, headers: response.headers, json, text };
}

let users = 0;
/** A user holding `role` (through its group), signed in `daysAgo` days ago. */
export async function makeUser(db: Db, role: Role | 'none', daysAgo = 0) {
  users += 1;
  return db.user.create({
    data: {
      issuer: 'http://localhost:39999',
      subject: `api-user-${users}-${role}`,
      email: `api-${users}-${role}@example.com`,
      groups: role === 'none' ? ['unmapped'] : [`g-${role}`],
      groupsClaim: true,
      lastSignInAt: new Date(Date.now() - daysAgo * 86_400_000),
    },
  });
}

/** A token of `role`, for one workspace or (null) all, owned by a fresh user of that role. */
export async function makeToken(db: Db, role: Role, workspaceId: string | null, days = 30) {
  const owner = await makeUser(db, role);
  const made = await createApiToken(
    db,
    { id: owner.id, label: owner.email!, role },
    { id: owner.id, roles: [role] },
    { role, workspaceId, label: `test ${role}`, days },
  );
  return { ...made, ownerId: owner.id };
}
