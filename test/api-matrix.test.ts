// Route × role × token scope over every operation of the OpenAPI document (so a new operation cannot be
// forgotten): no token → 401; a role without the operation's permission → 403; a role with it → neither;
// a token of another workspace → 404 wherever the operation names a workspace or a record (no existence leak).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi.ts';
import { can, ROLES, type Permission } from '@/lib/auth/permissions.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from './api.ts';
import { DEMO_WS, fillPath } from './api-params.ts';
import { createTestDatabase } from './db.ts';

type OpDoc = {
  'x-tollgate-permission': Permission;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
};
const doc = openApiDocument();
const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, OpDoc>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);

let db: Db;
const tokens = new Map<string, string>();
beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apimatrix');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await seedDemoWorkspace(db, { url: process.env.DATABASE_URL });
  await createWorkspace(
    db,
    { id: null, label: 'test', role: 'admin' },
    {
      id: 'ws-other',
      name: 'Other',
      kind: 'workspace',
      principal: null,
    },
  );
  await loadApi();
  for (const role of ROLES) {
    tokens.set(role, (await makeToken(db, role, null)).token);
    tokens.set(`${role}@other`, (await makeToken(db, role, 'ws-other')).token);
  }
}, 240_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

async function target(path: string, op: OpDoc) {
  const takesWs = op.parameters?.some((p) => p.in === 'query' && p.name === 'ws');
  return (await fillPath(db, path)) + (takesWs ? `?ws=${encodeURIComponent(DEMO_WS)}` : '');
}

describe('every API operation × role × scope', () => {
  it('covers every operation of the document', () => expect(ops.length).toBeGreaterThan(1));

  it.each(ops.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, { path, method, op }) => {
    const url = await target(path, op);
    expect((await api(method, url)).status).toBe(401);
    const permission = op['x-tollgate-permission'];
    for (const role of ROLES) {
      // An empty JSON object: authorization comes before the body is read, and nothing valid is written.
      const status = (await api(method, url, { token: tokens.get(role)!, ...(method === 'GET' ? {} : { body: {} }) }))
        .status;
      if (can([role], permission)) expect([401, 403], `${role} may ${permission}`).not.toContain(status);
      else expect(status, `${role} may not ${permission}`).toBe(403);
    }
    const holder = ROLES.find((r) => can([r], permission))!;
    const scoped = path.includes('{') || op.parameters?.some((p) => p.name === 'ws');
    if (!scoped) return;
    const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    const body =
      type === 'application/json'
        ? { body: media!.example }
        : type
          ? { raw: { type, data: String(media!.example) } }
          : {};
    const other = await api(method, url, { token: tokens.get(`${holder}@other`)!, ...body });
    expect(other.status, `a token of another workspace: ${other.text.slice(0, 200)}`).toBe(404);
  });
});
