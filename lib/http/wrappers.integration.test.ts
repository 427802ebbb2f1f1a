// withRoute and formAction against a real PostgreSQL (the session mocked): the order of the checks (authorize,
// then origin, then ws), the workspace modes, the upload headers, the error answers and the form parsing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '@/test/db.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from './app-error.ts';

const state = vi.hoisted(() => ({ db: null as Db | null, signedIn: true }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async (permission: string) => {
    if (!state.signedIn) throw new (await import('./app-error.ts')).AppError('unauthenticated', 'Sign in to continue.');
    if (permission === 'settings:write') throw new (await import('./app-error.ts')).AppError('forbidden', 'No.');
    return { id: 'u1', label: 'ann@example.com', role: 'grc', requestId: 'from-proxy', roles: ['grc'] };
  },
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));
vi.mock('@/lib/workspaces/current.ts', () => ({
  currentWorkspace: async () => ({ current: { id: 'ws-wrap', name: 'Wrap' }, all: [] }),
}));

const { createDb } = await import('@/lib/db.ts');
const { withRoute } = await import('./with-route.ts');
const { formAction } = await import('./form-action.ts');
const { entryPermission } = await import('./entry-permission.ts');
const { field } = await import('./form-data.ts');

const ORIGIN = 'http://localhost:3000';
const req = (path: string, init: RequestInit = {}) =>
  new Request(`${ORIGIN}${path}`, { ...init, headers: { host: 'localhost:3000', ...(init.headers ?? {}) } });
const ctx = { params: Promise.resolve({}) };

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('wrappers'));
  await state.db.workspace.create({ data: { id: 'ws-wrap', name: 'Wrap', kind: 'workspace' } });
});
afterAll(async () => {
  await state.db?.$disconnect();
});

describe('withRoute', () => {
  const echo = withRoute(
    'agents:read',
    async ({ workspace, actor }) => Response.json({ workspace, requestId: actor.requestId }),
    { ws: 'exists' },
  );

  it('remembers its permission, so the authz test can prove the export is the wrapper', () => {
    expect(entryPermission(echo)).toBe('agents:read');
    expect(entryPermission(async () => new Response())).toBeUndefined();
  });

  it('answers 401/403 before reading anything, then 404 for an unknown workspace', async () => {
    state.signedIn = false;
    expect((await echo(req('/x?ws=nope'), ctx)).status).toBe(401);
    state.signedIn = true;
    expect((await withRoute('settings:write', async () => new Response('no'))(req('/x'), ctx)).status).toBe(403);
    const missing = await echo(req('/x?ws=nope'), ctx);
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { error: { code: 'not_found', message: 'No such workspace.' } },
    ]);
    expect(await (await echo(req('/x?ws=ws-wrap'), ctx)).json()).toEqual({
      workspace: { id: 'ws-wrap', name: 'Wrap' },
      requestId: 'from-proxy',
    });
  });

  it('reads ws as required, or falls back to the current workspace', async () => {
    const required = withRoute('agents:read', async ({ workspaceId }) => Response.json({ workspaceId }), {
      ws: 'required',
    });
    expect((await required(req('/x'), ctx)).status).toBe(400);
    expect(await (await required(req('/x?ws=any'), ctx)).json()).toEqual({ workspaceId: 'any' });
    const current = withRoute('agents:read', async ({ workspaceId }) => Response.json({ workspaceId }), {
      ws: 'exists-or-current',
    });
    expect(await (await current(req('/x'), ctx)).json()).toEqual({ workspaceId: 'ws-wrap' });
  });

  it('refuses a cross-site POST with 403 but not a GET', async () => {
    const both = withRoute('agents:read', async () => new Response('ok'));
    expect((await both(req('/x', { method: 'POST', headers: { origin: 'https://evil.example' } }), ctx)).status).toBe(
      403,
    );
    expect((await both(req('/x', { method: 'POST', headers: { origin: ORIGIN } }), ctx)).status).toBe(200);
    expect((await both(req('/x', { headers: { origin: 'https://evil.example' } }), ctx)).status).toBe(200);
  });

  it('hides an unknown error behind an error id and shows an AppError as it is', async () => {
    const boom = await withRoute('agents:read', async () => {
      throw new Error('secret detail');
    })(req('/x'), ctx);
    const body = (await boom.json()) as { error: { message: string } };
    expect(boom.status).toBe(500);
    expect(body.error.message).toMatch(/^Something went wrong \(error id [0-9a-f-]{36}\)\.$/);
    const app = await withRoute('agents:read', async () => {
      throw new AppError('conflict', 'Taken.');
    })(req('/x'), ctx);
    expect([app.status, await app.json()]).toEqual([409, { error: { code: 'conflict', message: 'Taken.' } }]);
  });

  it('gives an upload route the proxy’s headers on every answer, and its request id to the actor', async () => {
    const upload = withRoute(
      'agents:read',
      async ({ actor, filename }) => Response.json({ requestId: actor.requestId, name: filename('f.csv') }),
      { upload: true },
    );
    const ok = await upload(
      req('/x', { method: 'POST', headers: { origin: ORIGIN, 'x-filename': encodeURIComponent('é.csv') } }),
      ctx,
    );
    const body = (await ok.json()) as { requestId: string; name: string };
    expect(body).toEqual({ requestId: ok.headers.get('x-request-id'), name: 'é.csv' });
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const bad = await upload(req('/x', { method: 'POST', headers: { origin: ORIGIN, 'x-filename': '%E0%A4%A' } }), ctx);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('formAction', () => {
  const schema = z.object({ workspaceId: field.id('Unknown agent.'), tags: field.list(), on: field.checkbox() });
  const action = formAction('agents:read', schema, async ({ input, db }) => ({
    data: { ...input, count: await db.workspace.count({ where: { id: input.workspaceId } }) },
  }));
  const form = (pairs: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of pairs) f.append(k, v);
    return f;
  };

  it('authorizes before it reads the form', async () => {
    state.signedIn = false;
    expect(await action(null, new FormData())).toEqual({ ok: false, status: 401, message: 'Sign in to continue.' });
    state.signedIn = true;
    expect(entryPermission(action)).toBe('agents:read');
  });

  it('parses the form once with the schema and answers its message as a 422', async () => {
    expect(await action(null, new FormData())).toEqual({ ok: false, status: 422, message: 'Unknown agent.' });
    expect(
      await action(
        null,
        form([
          ['workspaceId', 'ws-wrap'],
          ['tags', 'a'],
          ['tags', 'b'],
          ['on', 'on'],
        ]),
      ),
    ).toEqual({ ok: true, data: { workspaceId: 'ws-wrap', tags: ['a', 'b'], on: true, count: 1 } });
    expect(await action(null, form([['__proto__', 'x']]))).toMatchObject({ ok: false, status: 400 });
  });
});
