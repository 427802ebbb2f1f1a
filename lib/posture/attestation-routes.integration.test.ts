// The attestation route handlers and server actions against a real PostgreSQL (the session mocked): a multipart
// attestation with a link or a file, the form's errors, the evidence download's headers and workspace scope, and
// the link and revoke actions. Control ids come from the real catalogue.
import { createHash } from 'node:crypto';
import { formData, ORIGIN, postForm } from '@/test/route-requests.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: 'u-greta', label: 'greta@acme.example', role: 'grc', roles: ['grc'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { CATALOGUE } = await import('./catalogue.ts');
const { listAttestations } = await import('./attestations.ts');
const { attestWithLinkAction, revokeAttestationAction } = await import('./attestation-actions.ts');
const { POST } = await import('@/app/api/attestations/route.ts');
const { GET } = await import('@/app/api/attestations/[attestationId]/evidence/route.ts');

const DAY = 86_400_000;
const actor = { id: 'u-greta', label: 'greta@acme.example', role: 'grc' };
const attestable = CATALOGUE.controls.find((c) => c.assessment === 'attested')!.id;
const automated = CATALOGUE.controls.find((c) => c.assessment === 'automated')!.id;
const statement = 'Workspace data retention is configured as required.';
// Expiry days are 00:00 UTC: 30 days from today is always within 90 × 24 h of now.
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('attestation_routes'));
  for (const id of ['ws-att-route', 'ws-att-route-other'])
    await createWorkspace(state.db, actor, { id, name: id, kind: 'workspace', principal: null });
});
afterAll(async () => {
  await state.db?.$disconnect();
});

const form = formData;
const post = (body: FormData) => postForm(POST, '/api/attestations', body);

const download = (id: string, ws: string) =>
  GET(new Request(`${ORIGIN}/api/attestations/${id}/evidence?ws=${ws}`), {
    params: Promise.resolve({ attestationId: id }),
  });
const base = () => ({ workspaceId: 'ws-att-route', controlId: attestable, statement, expiresAt: day(30) });

describe('attestation routes', () => {
  it('attests with a link from a multipart form, the expiry day read as 00:00 UTC', async () => {
    const res = await post(form({ ...base(), url: 'https://wiki.acme.example/retention' }));
    expect(res.status).toBe(201);
    const row = (await listAttestations(state.db!, 'ws-att-route')).find((a) => a.id === res.body.id);
    expect(row).toMatchObject({
      controlId: attestable,
      statement,
      attestedBy: 'greta@acme.example',
      expiresAt: new Date(`${day(30)}T00:00:00.000Z`),
      evidenceUrl: 'https://wiki.acme.example/retention',
    });
  });

  it('attests with a file and serves it back only as a download of its own workspace', async () => {
    const bytes = Buffer.from('<script>alert(1)</script>');
    const res = await post(
      form({ ...base(), url: '', file: new File([bytes], 'rétention.html', { type: 'text/html' }) }),
    );
    expect(res.status).toBe(201);
    const ok = await download(res.body.id!, 'ws-att-route');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-disposition')).toBe(
      `attachment; filename="r_tention.html"; filename*=UTF-8''r%C3%A9tention.html`,
    );
    expect(ok.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await download(res.body.id!, 'ws-att-route-other')).status).toBe(404);
    expect((await download('no-such-id', 'ws-att-route')).status).toBe(404);
    const link = (await listAttestations(state.db!, 'ws-att-route')).find((a) => a.evidenceUrl)!;
    expect((await download(link.id, 'ws-att-route')).status).toBe(404);
  });

  it('refuses missing or double evidence, a non-https link, a bad expiry or control, or not multipart', async () => {
    const before = (await listAttestations(state.db!, 'ws-att-route')).length;
    expect(await post(form(base()))).toEqual({
      status: 422,
      body: { error: { code: 'unprocessable', message: 'evidence: give an https link (url) or a file.' } },
    });
    const both = await post(form({ ...base(), url: 'https://a.example', file: new File(['x'], 'x.txt') }));
    expect(both.body.error?.message).toBe('evidence: give either a link (url) or a file, not both.');
    expect(await post(form({ ...base(), url: 'http://a.example' }))).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringMatching(/^url: Links must use https/) } },
    });
    expect((await post(form({ ...base(), expiresAt: day(92), url: 'https://a.example' }))).body.error?.message).toMatch(
      /^expiresAt: .* is more than 90 days after the attestation/,
    );
    expect(
      (await post(form({ ...base(), expiresAt: '2026-02-30', url: 'https://a.example' }))).body.error?.message,
    ).toBe('expiresAt: "2026-02-30" is not a day (YYYY-MM-DD).');
    expect((await post(form({ ...base(), expiresAt: '', url: 'https://a.example' }))).body.error?.message).toMatch(
      /^expiresAt: choose the day/,
    );
    expect(
      (await post(form({ ...base(), controlId: automated, url: 'https://a.example' }))).body.error?.message,
    ).toMatch(new RegExp(`^controlId: control "${automated.replace('.', '\\.')}" does not take an attestation`));
    expect((await post(form({ ...base(), controlId: '99.1', url: 'https://a.example' }))).body.error?.message).toMatch(
      /^controlId: control "99\.1"/,
    );
    expect((await post(form({ ...base(), workspaceId: '', url: 'https://a.example' }))).status).toBe(400);
    const json = await POST(
      new Request(`${ORIGIN}/api/attestations`, {
        method: 'POST',
        headers: { origin: ORIGIN, host: 'localhost:3000', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(json.status).toBe(400);
    const crossSite = await POST(
      new Request(`${ORIGIN}/api/attestations`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', host: 'localhost:3000' },
        body: form({ ...base(), url: 'https://a.example' }),
      }),
    );
    expect(crossSite.status).toBe(403);
    expect((await listAttestations(state.db!, 'ws-att-route')).length).toBe(before);
  });
});

describe('attestation actions', () => {
  it('attests with a link, then revokes with a reason', async () => {
    const ws = 'ws-att-route-other';
    const made = await attestWithLinkAction(
      null,
      form({ ...base(), workspaceId: ws, url: 'https://wiki.acme.example/action' }),
    );
    expect(made).toMatchObject({ ok: true, message: `Control ${attestable} attested.` });
    const id = (made as { data: { id: string } }).data.id;
    expect((await listAttestations(state.db!, ws)).find((a) => a.id === id)).toMatchObject({
      evidenceUrl: 'https://wiki.acme.example/action',
      revokedAt: null,
    });

    expect(await revokeAttestationAction(null, form({ workspaceId: ws, attestationId: id, reason: '' }))).toEqual({
      ok: false,
      status: 422,
      message: 'reason: say why the attestation is revoked',
    });
    expect(
      await revokeAttestationAction(null, form({ workspaceId: ws, attestationId: id, reason: 'Evidence superseded.' })),
    ).toEqual({ ok: true, message: 'Revoked: the attestation no longer counts.' });
    expect((await listAttestations(state.db!, ws)).find((a) => a.id === id)).toMatchObject({
      revokedBy: 'greta@acme.example',
    });
    const event = await state.db!.auditEvent.findFirstOrThrow({
      where: { targetId: id, action: 'attestation.revoke' },
      select: { diff: true },
    });
    expect(event.diff).toMatchObject({ reason: 'Evidence superseded.' });
    expect(
      await revokeAttestationAction(null, form({ workspaceId: ws, attestationId: id, reason: 'again' })),
    ).toMatchObject({ ok: false, status: 409 });
  });

  it('refuses a missing link, a bad expiry or an unknown workspace', async () => {
    expect(await attestWithLinkAction(null, form(base()))).toMatchObject({
      ok: false,
      status: 422,
      message: expect.stringMatching(/^url: give an https link/),
    });
    expect(
      await attestWithLinkAction(null, form({ ...base(), expiresAt: 'soon', url: 'https://a.example' })),
    ).toMatchObject({ ok: false, status: 422, message: 'expiresAt: "soon" is not a day (YYYY-MM-DD).' });
    expect(
      await attestWithLinkAction(null, form({ ...base(), workspaceId: 'ws-none', url: 'https://a.example' })),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await attestWithLinkAction(null, new FormData())).toMatchObject({
      ok: false,
      status: 422,
      message: 'workspaceId: unknown workspace.',
    });
    expect(
      await revokeAttestationAction(
        null,
        form({ workspaceId: 'ws-att-route', attestationId: 'no-such-id', reason: 'x' }),
      ),
    ).toMatchObject({ ok: false, status: 404 });
  });
});
