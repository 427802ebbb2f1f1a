// For tests: the SCIM route handlers called with real Requests, routed the way Next routes /scim/v2/…
// (static segments first, then [id], then the catch-all), with Next's empty 405 for a method a file lacks.
import { createScimToken } from './tokens.ts';
import type { Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type Module = Partial<Record<string, Handler>>;
export type ScimAnswer = { status: number; headers: Headers; json: ReturnType<typeof JSON.parse> };

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const COLLECTIONS = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas'];
const ITEMS = ['Users', 'Groups', 'ResourceTypes', 'Schemas'];

export async function loadScimRoutes() {
  return {
    Users: (await import('@/app/scim/v2/Users/route.ts')) as unknown as Module,
    'Users/:id': (await import('@/app/scim/v2/Users/[id]/route.ts')) as unknown as Module,
    Groups: (await import('@/app/scim/v2/Groups/route.ts')) as unknown as Module,
    'Groups/:id': (await import('@/app/scim/v2/Groups/[id]/route.ts')) as unknown as Module,
    ServiceProviderConfig: (await import('@/app/scim/v2/ServiceProviderConfig/route.ts')) as unknown as Module,
    ResourceTypes: (await import('@/app/scim/v2/ResourceTypes/route.ts')) as unknown as Module,
    'ResourceTypes/:id': (await import('@/app/scim/v2/ResourceTypes/[id]/route.ts')) as unknown as Module,
    Schemas: (await import('@/app/scim/v2/Schemas/route.ts')) as unknown as Module,
    'Schemas/:id': (await import('@/app/scim/v2/Schemas/[id]/route.ts')) as unknown as Module,
    '*': (await import('@/app/scim/v2/[[...rest]]/route.ts')) as unknown as Module,
  } as Record<string, Module>;
}

/** A client bound to the loaded routes: `scim(token, 'PATCH', 'Users/abc', body, headers)`. */
export function scimClient(routes: Record<string, Module>) {
  return async function scim(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ScimAnswer> {
    const url = new URL(`http://tollgate.test/scim/v2/${path}`);
    const segments = url.pathname
      .replace(/^\/scim\/v2\/?/, '')
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    let key = '*';
    let params: Record<string, unknown> = { rest: segments };
    if (segments.length === 1 && COLLECTIONS.includes(segments[0]!)) [key, params] = [segments[0]!, {}];
    else if (segments.length === 2 && ITEMS.includes(segments[0]!))
      [key, params] = [`${segments[0]}/:id`, { id: segments[1] }];
    const handler = routes[key]![method];
    if (!handler) return { status: 405, headers: new Headers(), json: null };
    const request = new Request(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
  };
}

export async function workspaceWithToken(db: Db, id: string, label = 'Okta'): Promise<string> {
  const admin = { id: null, label: 'test-admin', role: 'admin' };
  await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  return (await createScimToken(db, admin, { workspaceId: id, label })).token;
}
