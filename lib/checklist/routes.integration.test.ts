// The sign-off routes against a real PostgreSQL (the session mocked): a multipart sign-off with a link or a
// file, the form's errors, and the evidence download's headers and workspace scope.
import { createHash } from 'node:crypto';
import { formData, ORIGIN, postForm } from '@/test/route-requests.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { listSignoffs } = await import('./service.ts');
const { POST } = await import('@/app/api/checklist/signoffs/route.ts');
const { GET } = await import('@/app/api/checklist/signoffs/[signoffId]/evidence/route.ts');

const actor = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('checklist_routes'));
  for (const id of ['ws-route', 'ws-route-other'])
    await createWorkspace(state.db, actor, { id, name: id, kind: 'workspace', principal: null });
});
afterAll(async () => {
  await state.db?.$disconnect();
});

const form = formData;
const post = (body: FormData) => postForm(POST, '/api/checklist/signoffs', body);

const download = (id: string, ws: string) =>
  GET(new Request(`${ORIGIN}/api/checklist/signoffs/${id}/evidence?ws=${ws}`), {
    params: Promise.resolve({ signoffId: id }),
  });

describe('checklist sign-off routes', () => {
  it('signs with a link from a multipart form', async () => {
    const res = await post(
      form({ workspaceId: 'ws-route', step: '3', note: 'Apps reviewed', url: 'https://wiki.acme.example/apps' }),
    );
    expect(res.status).toBe(201);
    const [row] = await listSignoffs(state.db!, 'ws-route');
    expect(row).toMatchObject({
      id: res.body.id,
      step: 3,
      note: 'Apps reviewed',
      evidenceUrl: 'https://wiki.acme.example/apps',
    });
  });

  it('signs with a file and serves it back only as a download of its own workspace', async () => {
    const bytes = Buffer.from('<script>alert(1)</script>');
    const res = await post(
      form({
        workspaceId: 'ws-route',
        step: '1',
        note: '',
        url: '',
        file: new File([bytes], 'scïm.html', { type: 'text/html' }),
      }),
    );
    expect(res.status).toBe(201);
    const ok = await download(res.body.id!, 'ws-route');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-disposition')).toBe(
      `attachment; filename="sc_m.html"; filename*=UTF-8''sc%C3%AFm.html`,
    );
    expect(ok.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await download(res.body.id!, 'ws-route-other')).status).toBe(404);
  });

  it('refuses a form without evidence, with both kinds, a non-https link, or not multipart', async () => {
    expect(await post(form({ workspaceId: 'ws-route', step: '1' }))).toEqual({
      status: 422,
      body: { error: { code: 'unprocessable', message: 'evidence: give an https link (url) or a file.' } },
    });
    const both = await post(
      form({ workspaceId: 'ws-route', step: '1', url: 'https://a.example', file: new File(['x'], 'x.txt') }),
    );
    expect(both.body.error?.message).toBe('evidence: give either a link (url) or a file, not both.');
    const http = await post(form({ workspaceId: 'ws-route', step: '1', url: 'http://a.example' }));
    expect(http).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringMatching(/^url: Links must use https/) } },
    });
    const step = await post(form({ workspaceId: 'ws-route', step: '', url: 'https://a.example' }));
    expect(step.body.error?.message).toMatch(/^step: /);
    const json = await POST(
      new Request(`${ORIGIN}/api/checklist/signoffs`, {
        method: 'POST',
        headers: { origin: ORIGIN, host: 'localhost:3000', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(json.status).toBe(400);
  });
});
