// The exception attachment routes against a real PostgreSQL (the session mocked): evidence arrives as a multipart
// form like every other evidence upload (the raw body with X-Filename is refused), is kept with its SHA-256 and
// comes back only as a download of its own workspace and exception. The link action checks links the same way.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { formData, ORIGIN } from '@/test/route-requests.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer', roles: ['reviewer'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { getException } = await import('./queries.ts');
const { requestException } = await import('./service.ts');
const { addLinkAction } = await import('./actions.ts');
const { POST } = await import('@/app/api/exceptions/[exceptionId]/attachments/route.ts');
const { GET } = await import('@/app/api/exceptions/[exceptionId]/attachments/[attachmentId]/route.ts');

const actor = { id: 'u-rhea', label: 'rhea@acme.example', role: 'reviewer' };
const WS = 'ws-exc-route';
let exceptionId: string;

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('exception_routes'));
  for (const id of [WS, `${WS}-other`]) {
    await createWorkspace(state.db, actor, { id, name: id, kind: 'workspace', principal: null });
  }
  ({ id: exceptionId } = await requestException(state.db, actor, WS, {
    title: 'Publishing for the release team',
    businessCase: 'The release team publishes the release bot; reviewed weekly.',
    scope: { kind: 'role_bit', bit: 'publish_agents', people: ['a@acme.example'] },
    findingKeys: [],
    reviewAt: new Date(Date.now() + 30 * 86_400_000),
    links: [],
  }));
});
afterAll(async () => {
  await state.db?.$disconnect();
});

const upload = async (body: BodyInit, headers: Record<string, string> = {}, id = exceptionId) => {
  const res = await POST(
    new Request(`${ORIGIN}/api/exceptions/${id}/attachments?ws=${WS}`, {
      method: 'POST',
      headers: { origin: ORIGIN, host: 'localhost:3000', ...headers },
      body,
    }),
    { params: Promise.resolve({ exceptionId: id }) },
  );
  const json = (await res.json()) as { id?: string; error?: { code: string; message: string } };
  return { status: res.status, headers: res.headers, body: json };
};
const download = (attachmentId: string, ws = WS, id = exceptionId) =>
  GET(new Request(`${ORIGIN}/api/exceptions/${id}/attachments/${attachmentId}?ws=${ws}`), {
    params: Promise.resolve({ exceptionId: id, attachmentId }),
  });

describe('exception attachment routes', () => {
  it('take a file in a multipart form and serve it back only as a download of its own workspace', async () => {
    const bytes = Buffer.from('<script>alert(1)</script>');
    const res = await upload(formData({ file: new File([bytes], 'cab-minutes.html', { type: 'text/html' }) }));
    expect(res.status).toBe(201);
    // The upload route runs outside the proxy and sets its own request id and policy.
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const detail = await getException(state.db!, WS, exceptionId, new Date());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const kept = detail!.attachments.map((a) => [a.filename, a.size, a.sha256]);
    expect(kept).toEqual([['cab-minutes.html', bytes.length, sha256]]);

    const ok = await download(res.body.id!);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('content-disposition')).toBe(
      `attachment; filename="cab-minutes.html"; filename*=UTF-8''cab-minutes.html`,
    );
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await download(res.body.id!, `${WS}-other`)).status).toBe(404);
  });

  it('take an https link in the same form; a link is never a download', async () => {
    const res = await upload(formData({ url: 'https://cab.acme.example/CHG-7' }));
    expect(res.status).toBe(201);
    expect((await download(res.body.id!)).status).toBe(404);
    const http = await upload(formData({ url: 'http://cab.acme.example/CHG-7' }));
    expect(http.body.error?.message).toBe('url: Links must use https: http links are refused.');
  });

  it('refuse the raw body with X-Filename, a file over 10 MB and an empty form, storing nothing', async () => {
    const before = (await getException(state.db!, WS, exceptionId, new Date()))!.attachments.length;
    const raw = await upload('minutes', { 'content-type': 'application/octet-stream', 'x-filename': 'cab.txt' });
    expect(raw.status).toBe(400);
    expect(raw.body.error?.message).toBe('Send the attachment as multipart/form-data.');
    const big = await upload(formData({ file: new File([Buffer.alloc(10 * 1024 * 1024 + 1)], 'big.bin') }));
    expect(big).toMatchObject({ status: 413, body: { error: { message: 'file: the file is larger than 10 MB.' } } });
    expect((await upload(formData({}))).status).toBe(422);
    expect((await getException(state.db!, WS, exceptionId, new Date()))!.attachments).toHaveLength(before);
  });

  it('the link action (a server action) adds an https link through the same check', async () => {
    const link = (url: string, id = exceptionId) =>
      addLinkAction(null, formData({ workspaceId: WS, exceptionId: id, url }));
    expect(await link('https://cab.acme.example/CHG-8')).toEqual({ ok: true, message: 'Link added.' });
    const urls = (await getException(state.db!, WS, exceptionId, new Date()))!.attachments.map((a) => a.url);
    expect(urls).toContain('https://cab.acme.example/CHG-8');
    expect(await link('http://cab.acme.example/CHG-8')).toEqual({
      ok: false,
      status: 422,
      message: 'url: Links must use https: http links are refused.',
    });
    expect(await link('https://a.example', '')).toEqual({ ok: false, status: 422, message: 'Unknown exception.' });
  });
});
