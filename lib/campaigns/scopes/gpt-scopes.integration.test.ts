// The GPT scope sources against a real PostgreSQL: each recipient of a GPT's sharing list and its visibility
// beyond invited people become items; a revoked share is a finding until the sharing list no longer has it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { getCampaign } from '../queries.ts';
import { decideItem, runCampaignLifecycle, startCampaign } from '../service.ts';
import { gptOwnerItems } from './gpt-owners.ts';
import { gptSharingItems } from './gpt-sharing.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const WS = 'ws-gpt-scopes';
const t0 = new Date('2026-03-02T09:00:00.000Z');
let db: Db;

/** The domain GPT (lib/gpts/types.ts) the GPT findings read beside the sharing columns. */
function domainGpt(id: string, owner: string, visibility: string, recipients: unknown[]) {
  return {
    id,
    owner: { id: null, email: owner },
    createdAt: null,
    updatedAt: null,
    sharing: { visibility, recipients },
    configId: null,
    configCreatedAt: null,
    name: id.toUpperCase(),
    description: 'A test GPT',
    capabilities: [],
    actions: [],
    files: [],
    apps: [],
  } as object;
}

async function gpt(externalId: string, owner: string, visibility: string, recipients: unknown[]) {
  const a = await db.agent.create({
    data: {
      workspaceId: WS,
      externalId,
      kind: 'custom_gpt',
      name: externalId.toUpperCase(),
      ownerEmail: owner,
      status: 'published',
      ...NO_APPS,
      configHash: 'h',
    },
  });
  await db.gptState.create({
    data: {
      agentId: a.id,
      workspaceId: WS,
      raw: {},
      gpt: domainGpt(externalId, owner, visibility, recipients),
      visibility,
      recipients: recipients as object[],
      capabilities: [],
      source: 'api',
      lastReadAt: t0,
      changedAt: t0,
    },
  });
  return a.id;
}

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_scopes'));
  await createWorkspace(
    db,
    { id: null, label: 't', role: null },
    { id: WS, name: WS, kind: 'workspace', principal: null },
  );
});
afterAll(async () => {
  await db.$disconnect();
});

describe('GPT scopes', () => {
  it('lists each recipient and a visibility beyond invited people; ownership per GPT', async () => {
    await gpt('g-1', 'Ann@acme.example', 'invite_only', [
      { type: 'user', id: 'u1', email: 'Bob@acme.example' },
      { type: 'group', id: 'grp-sales', email: null },
    ]);
    await gpt('g-2', 'cy@acme.example', 'anyone_with_link', []);
    const sharing = await gptSharingItems(db, WS);
    expect(sharing.map((i) => [i.key, i.holder])).toEqual([
      ['gpt-share:g-1:user:u1', 'bob@acme.example'],
      ['gpt-share:g-1:group:grp-sales', 'grp-sales'],
      ['gpt-visibility:g-2', 'anyone_with_link'],
    ]);
    expect(sharing[0]!.ownerEmail).toBe('ann@acme.example');
    expect((await gptOwnerItems(db, WS)).map((i) => [i.key, i.holder])).toEqual([
      ['gpt-owner:g-1', 'ann@acme.example'],
      ['gpt-owner:g-2', 'cy@acme.example'],
    ]);
  });

  it('keeps a revoked share open as a finding (guide 3.1) until the sharing list drops it', async () => {
    const u = await db.user.create({
      data: { issuer: 'i', subject: 's-g', email: 'greta@t.example', groups: ['grc'] },
    });
    const greta = { id: u.id, label: 'greta@t.example', role: 'grc', roles: ['grc'] as const };
    const { id } = await startCampaign(
      db,
      greta,
      WS,
      {
        name: 'GPT shares',
        scopes: ['gpt-sharing'],
        reviewerIds: [u.id],
        dueAt: new Date(t0.getTime() + 86_400_000),
        recurrenceDays: null,
      },
      { now: t0, reviewerConfig: { roleMap: 'grc=grc' } },
    );
    const item = (await getCampaign(db, WS, id, t0))!.items.find((i) => i.key === 'gpt-share:g-1:user:u1')!;
    await decideItem(db, greta, WS, item.id, { decision: 'revoke', reason: 'Bob left sales' }, t0);
    const key = `campaign-revoke:${item.id}`;
    const finding = () => db.finding.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: WS, key } } });
    expect(await finding()).toMatchObject({ status: 'open', control: '3.1', subjectId: 'g-1' });

    const g1 = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: 'g-1' } });
    await db.gptState.update({
      where: { agentId: g1.id },
      data: {
        recipients: [{ type: 'group', id: 'grp-sales', email: null }],
        gpt: domainGpt('g-1', 'ann@acme.example', 'invite_only', [{ type: 'group', id: 'grp-sales', email: null }]),
      },
    });
    await runCampaignLifecycle(db, new Date(t0.getTime() + 3_600_000));
    expect((await finding()).status).toBe('resolved');
  });
});
