// The access-review evidence set against a real PostgreSQL (time injected): each item of a campaign that ran in the
// period with who decided what, when and why, as of the pack's instant; campaigns outside the period left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { getCampaign } from '@/lib/campaigns/queries.ts';
import { closeCampaign, decideItem, recordOwnerAnswer, startCampaign } from '@/lib/campaigns/service.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { campaignsSet } from './campaigns.ts';
import { csvObjects, setFiles } from './sets.fixture.ts';
import type { SetContext } from './types.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const DAY = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const WS = 'ws-sets-campaigns';
let db: Db;
let greta: { id: string; label: string; role: string; roles: ['grc'] };
const ctx = (asOf: Date, from = t0): SetContext => ({ workspaceId: WS, period: { from, to: asOf }, asOf });

async function agent(externalId: string, ownerEmail: string) {
  await db.agent.create({
    data: {
      workspaceId: WS,
      externalId,
      name: externalId.toUpperCase(),
      ownerEmail,
      ...NO_APPS,
      configHash: 'h',
    },
  });
}

let early: string;
let main: string;

beforeAll(async () => {
  db = createDb(await createTestDatabase('sets_campaigns'));
  const u = await db.user.create({
    data: { issuer: 'i', subject: 's-greta', email: 'greta@tollgate.example', groups: ['tg-grc'] },
  });
  greta = { id: u.id, label: 'greta@tollgate.example', role: 'grc', roles: ['grc'] };
  await createWorkspace(db, greta, { id: WS, name: WS, kind: 'workspace', principal: null });
  await agent('a1', 'ann@acme.example');
  await agent('b2', 'greta@tollgate.example');
  const start = (name: string, now: Date) =>
    startCampaign(
      db,
      greta,
      WS,
      {
        name,
        scopes: ['agent-owners'],
        reviewerIds: [u.id],
        dueAt: new Date(now.getTime() + 14 * DAY),
        recurrenceDays: null,
      },
      { now, reviewerConfig: { roleMap: 'tg-grc=grc' } },
    );
  ({ id: early } = await start('Last year', at(-40)));
  await closeCampaign(db, greta, WS, early, at(-30));
  ({ id: main } = await start('Q1 owners', at(1)));
  const items = (await getCampaign(db, WS, main, at(1)))!.items;
  const a1 = items.find((i) => i.key === 'agent-owner:a1')!;
  const b2 = items.find((i) => i.key === 'agent-owner:b2')!;
  await recordOwnerAnswer(
    db,
    greta,
    WS,
    a1.id,
    { decision: 'keep', reason: 'Ann still runs it', evidence: { url: 'https://tickets.acme.example/ACC-7' } },
    at(2),
  );
  await decideItem(db, greta, WS, b2.id, { decision: 'revoke', reason: 'Unused since January' }, at(5));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the access-review set', () => {
  it('lists each item with reviewer, decision, reason, who and when, the owner’s answer and evidence', async () => {
    const { csv, json } = await setFiles(db, campaignsSet, ctx(at(10)));
    const rows = csvObjects(csv);
    expect(Object.keys(rows[0]!)).toEqual(campaignsSet.columns);
    expect(rows.map((r) => [r.campaign, r.item, r.decision, r.decidedBy, r.reason])).toEqual([
      ['Q1 owners', 'agent-owner:a1', 'keep', 'greta@tollgate.example', 'Ann still runs it'],
      ['Q1 owners', 'agent-owner:b2', 'revoke', 'greta@tollgate.example', 'Unused since January'],
    ]);
    expect(rows[1]!.decidedAt).toBe(at(5).toISOString());
    expect(rows[0]!.campaignStatus).toBe('completed');
    const first = (JSON.parse(json) as { ownerAnswers: unknown }[])[0]!;
    expect(first.ownerAnswers).toEqual([
      {
        owner: 'ann@acme.example',
        recordedBy: 'greta@tollgate.example',
        recordedAt: at(2).toISOString(),
        url: 'https://tickets.acme.example/ACC-7',
      },
    ]);
  });

  it('reads as of the pack’s instant: a later decision is undecided, the campaign still running', async () => {
    const rows = csvObjects((await setFiles(db, campaignsSet, ctx(at(3)))).csv);
    expect(rows.map((r) => [r.item, r.decision, r.campaignStatus])).toEqual([
      ['agent-owner:a1', 'keep', 'running'],
      ['agent-owner:b2', '', 'running'],
    ]);
  });

  it('takes a campaign that ran during the period, not one that ended before it or started after', async () => {
    const names = async (c: SetContext) => [
      ...new Set(csvObjects((await setFiles(db, campaignsSet, c)).csv).map((r) => r.campaign)),
    ];
    expect(await names(ctx(at(10), at(-50)))).toEqual(['Last year', 'Q1 owners']);
    expect(await names(ctx(at(10), at(-20)))).toEqual(['Q1 owners']);
    expect(await names(ctx(at(0), at(-20)))).toEqual([]);
  });
});
