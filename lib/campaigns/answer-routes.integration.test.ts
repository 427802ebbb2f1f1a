// The owner-answer routes against a real PostgreSQL (the session mocked): a GRC user records an outside owner's
// answer with a file in a multipart form, the item is decided, and the file comes back only as a download of its
// own workspace; a link is no download; an answer without evidence stores nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { formData, ORIGIN } from '@/test/route-requests.ts';
import type { Db } from '@/lib/db.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const state = vi.hoisted(() => ({ db: null as Db | null, userId: '' }));
vi.mock('@/lib/auth/authorize.ts', () => ({
  authorize: async () => ({ id: state.userId, label: 'greta@acme.example', role: 'grc', roles: ['grc'] }),
}));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { createWorkspace } = await import('@/lib/workspaces/service.ts');
const { getCampaign } = await import('./queries.ts');
const { startCampaign } = await import('./service.ts');
const { POST } = await import('@/app/api/campaigns/items/[itemId]/answers/route.ts');
const { GET } = await import('@/app/api/campaigns/answers/[answerId]/route.ts');

const WS = 'ws-camp-route';
let items: { id: string; key: string }[];

beforeAll(async () => {
  state.db = createDb(await createTestDatabase('campaign_routes'));
  const u = await state.db.user.create({
    data: { issuer: 'i', subject: 's-greta', email: 'greta@acme.example', groups: ['grc'] },
  });
  state.userId = u.id;
  const greta = { id: u.id, label: 'greta@acme.example', role: 'grc' };
  for (const id of [WS, `${WS}-other`])
    await createWorkspace(state.db, greta, { id, name: id, kind: 'workspace', principal: null });
  for (const [externalId, owner] of [
    ['a1', 'ann@acme.example'],
    ['a2', 'bob@acme.example'],
  ])
    await state.db.agent.create({
      data: {
        workspaceId: WS,
        externalId: externalId!,
        name: externalId!,
        ownerEmail: owner!,
        ...NO_APPS,
        configHash: 'h',
      },
    });
  const { id } = await startCampaign(
    state.db,
    greta,
    WS,
    {
      name: 'Owners',
      scopes: ['agent-owners'],
      reviewerIds: [u.id],
      dueAt: new Date(Date.now() + 86_400_000),
      recurrenceDays: null,
    },
    { reviewerConfig: { roleMap: 'grc=grc' } },
  );
  items = (await getCampaign(state.db, WS, id, new Date()))!.items;
});
afterAll(async () => {
  await state.db?.$disconnect();
});

const answer = async (itemId: string, body: FormData) => {
  const res = await POST(
    new Request(`${ORIGIN}/api/campaigns/items/${itemId}/answers?ws=${WS}`, {
      method: 'POST',
      headers: { origin: ORIGIN, host: 'localhost:3000' },
      body,
    }),
    { params: Promise.resolve({ itemId }) },
  );
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { message: string } } };
};
const download = (answerId: string, ws = WS) =>
  GET(new Request(`${ORIGIN}/api/campaigns/answers/${answerId}?ws=${ws}`), {
    params: Promise.resolve({ answerId }),
  });

describe('owner answer routes', () => {
  it('record the answer with a file, decide the item, serve the file only as a download of its workspace', async () => {
    const item = items.find((i) => i.key === 'agent-owner:a1')!;
    const bytes = Buffer.from('<html>Yes, keep it.</html>');
    const res = await answer(
      item.id,
      formData({
        decision: 'keep',
        reason: 'Ann confirmed by mail',
        file: new File([bytes], 'reply.html', { type: 'text/html' }),
      }),
    );
    expect(res.status).toBe(201);
    const after = (await getCampaign(
      state.db!,
      WS,
      (
        await state.db!.campaignItem.findUniqueOrThrow({ where: { id: item.id } })
      ).campaignId,
      new Date(),
    ))!;
    expect(after.items.find((i) => i.id === item.id)).toMatchObject({
      decision: 'keep',
      reason: 'Ann confirmed by mail',
    });
    const ok = await download(res.body.id!);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('content-disposition')).toContain('attachment; filename="reply.html"');
    expect(ok.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
    expect((await download(res.body.id!, `${WS}-other`)).status).toBe(404);
  });

  it('refuse an answer without evidence, storing nothing; a link is recorded but is no download', async () => {
    const item = items.find((i) => i.key === 'agent-owner:a2')!;
    const none = await answer(item.id, formData({ decision: 'revoke', reason: 'Bob left' }));
    expect(none.status).toBe(422);
    expect(await state.db!.campaignItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      decision: null,
    });
    const link = await answer(
      item.id,
      formData({ decision: 'revoke', reason: 'Bob left', url: 'https://tickets.acme.example/ACC-9' }),
    );
    expect(link.status).toBe(201);
    expect((await download(link.body.id!)).status).toBe(404);
  });
});
