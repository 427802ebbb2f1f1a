// Publish review decisions against a real PostgreSQL: refusals with every reason and nothing written,
// the two-approver rule, separation of duties, re-queueing on a configuration change, the register, and
// concurrent decisions of which exactly one lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { STEPS } from '@/lib/checklist/steps.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { decide, RefusedError, type DecisionInput } from './decisions.ts';
import { reviewQueue } from './queue.ts';

const person = (name: string) => ({
  id: `u-${name}`,
  label: `${name}@acme.example`,
  email: `${name}@acme.example`,
  role: 'reviewer',
});
const rhea = person('rhea');
const sam = person('sam');
const t0 = new Date('2026-11-20T09:00:00Z');
const resolve = createAppResolver(builtinCatalogue('guide'));
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('reviews'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string, signed = true) {
  await createWorkspace(db, rhea, { id, name: id, kind: 'workspace', principal: null });
  if (signed)
    for (const s of STEPS)
      await signStep(
        db,
        rhea,
        id,
        { step: s.id, evidence: { url: `https://wiki.acme.example/checklist/${s.id}` } },
        t0,
      );
}

async function putAgent(ws: string, externalId: string, connectors: ConnectorInput[], owner = 'olga@acme.example') {
  const hash = configHash(connectors);
  const data = {
    name: externalId,
    ownerEmail: owner,
    status: 'published',
    apps: connectors.map((c) => c.app),
    connectors,
    configHash: hash,
    ...classificationColumns(classifyAgent(connectors, resolve, { configHash: hash })),
  };
  const existing = await db.agent.findUnique({ where: { workspaceId_externalId: { workspaceId: ws, externalId } } });
  if (existing) await db.agent.update({ where: { id: existing.id }, data });
  else await db.agent.create({ data: { workspaceId: ws, externalId, ...data } });
}

const gated: ConnectorInput[] = [
  { app: 'gmail', allowedTools: ['search', 'read', 'send'], approvals: 'always' },
  { app: 'notion', approvals: 'never' },
];
const approve = (sequence: number, over: Partial<DecisionInput> = {}): DecisionInput => ({
  decision: 'approve',
  reason: 'Meets the policy.',
  sequence,
  confirmedSteps: [1, 2, 3],
  ...over,
});

describe('publish review decisions', () => {
  it('refuses an approval with every reason, and writes nothing', async () => {
    await workspace('rv-refuse', false);
    await putAgent(
      'rv-refuse',
      'ag-mail',
      [{ app: 'gmail', approvals: 'never' }, { app: 'notion' }],
      'rhea@acme.example',
    );
    const attempt = decide(db, rhea, 'rv-refuse', 'ag-mail', approve(1, { confirmedSteps: [1] }), t0);
    await expect(attempt).rejects.toBeInstanceOf(RefusedError);
    const reasons = await attempt.then(
      () => [] as string[],
      (e: RefusedError) => e.reasons,
    );
    expect(reasons.filter((r) => /no human approval gate/.test(r))).toHaveLength(2); // send and reply
    expect(reasons.filter((r) => /not signed off for the workspace/.test(r))).toHaveLength(6);
    expect(reasons.filter((r) => /not confirmed for this agent/.test(r))).toHaveLength(2);
    expect(reasons.some((r) => /You own this agent/.test(r))).toBe(true);
    expect(await db.reviewDecision.count({ where: { workspaceId: 'rv-refuse' } })).toBe(0);
    expect(await db.registerEntry.count({ where: { workspaceId: 'rv-refuse' } })).toBe(0);
    // A rejection needs no such conditions; it takes the configuration off the queue.
    expect((await reviewQueue(db, 'rv-refuse')).map((q) => q.reason)).toEqual(['new']);
    await decide(
      db,
      sam,
      'rv-refuse',
      'ag-mail',
      { ...approve(1), decision: 'reject', reason: 'Sends mail without approval.' },
      t0,
    );
    expect(await reviewQueue(db, 'rv-refuse')).toEqual([]);
  });

  it('approves a clean configuration into the register, audited, and re-queues it when it changes', async () => {
    await workspace('rv-ok');
    await putAgent('rv-ok', 'ag-ok', gated);
    const first = await decide(db, rhea, 'rv-ok', 'ag-ok', approve(1, { conditions: 'Re-review after Q1.' }), t0);
    expect(first).toMatchObject({ decision: 'approve', complete: true });
    const entry = await db.registerEntry.findUniqueOrThrow({ where: { id: first.registerEntryId! } });
    expect(entry).toMatchObject({
      externalId: 'ag-ok',
      approvers: ['rhea@acme.example'],
      effectiveAt: t0,
      conditions: 'Re-review after Q1.',
      supersededAt: null,
    });
    expect(await db.auditEvent.count({ where: { workspaceId: 'rv-ok', action: 'review.decide' } })).toBe(1);
    expect(await reviewQueue(db, 'rv-ok')).toEqual([]);
    await expect(decide(db, sam, 'rv-ok', 'ag-ok', approve(2), t0)).rejects.toThrow(
      /already approved \(rhea@acme.example\)/,
    );

    // The builder adds Slack (gated): a new configuration, back on the queue; the old entry stays in force until
    // approved.
    await putAgent('rv-ok', 'ag-ok', [...gated, { app: 'slack', approvals: 'always' }]);
    expect((await reviewQueue(db, 'rv-ok')).map((q) => [q.externalId, q.reason, q.approvedBy])).toEqual([
      ['ag-ok', 'changed', 'rhea@acme.example'],
    ]);
    const second = await decide(db, sam, 'rv-ok', 'ag-ok', approve(1), new Date(t0.getTime() + 60_000));
    const entries = await db.registerEntry.findMany({
      where: { workspaceId: 'rv-ok' },
      orderBy: { effectiveAt: 'asc' },
    });
    expect(entries.map((e) => [e.approvers, e.supersededBy])).toEqual([
      [['rhea@acme.example'], second.registerEntryId],
      [['sam@acme.example'], null],
    ]);
  });

  it('needs two different approvers for shared connections, and refuses the same one twice', async () => {
    await workspace('rv-two');
    await putAgent('rv-two', 'ag-shared', [{ ...gated[0]!, authVariant: 'SHARED' }, gated[1]!]);
    const first = await decide(db, rhea, 'rv-two', 'ag-shared', approve(1), t0);
    expect(first).toMatchObject({ complete: false, registerEntryId: null });
    expect((await reviewQueue(db, 'rv-two')).map((q) => q.reason)).toEqual(['second_approver']);
    await expect(decide(db, rhea, 'rv-two', 'ag-shared', approve(2), t0)).rejects.toThrow(
      /second approval must come from a different reviewer/,
    );
    const second = await decide(db, sam, 'rv-two', 'ag-shared', approve(2), t0);
    expect(second.complete).toBe(true);
    expect((await db.registerEntry.findUniqueOrThrow({ where: { id: second.registerEntryId! } })).approvers).toEqual([
      'rhea@acme.example',
      'sam@acme.example',
    ]);
  });

  it('keeps a reviewer from approving an agent they own, but not another reviewer', async () => {
    await workspace('rv-own');
    await putAgent('rv-own', 'ag-own', gated, 'sam@acme.example');
    await expect(decide(db, sam, 'rv-own', 'ag-own', approve(1), t0)).rejects.toThrow(/You own this agent/);
    expect((await decide(db, rhea, 'rv-own', 'ag-own', approve(1), t0)).complete).toBe(true);
  });

  it('lets exactly one of many concurrent decisions land; the others are told who decided', async () => {
    await workspace('rv-race');
    await putAgent('rv-race', 'ag-race', gated);
    const reviewers = Array.from({ length: 8 }, (_, i) => person(`reviewer${i}`));
    const results = await Promise.allSettled(
      reviewers.map((r, i) =>
        decide(
          db,
          r,
          'rv-race',
          'ag-race',
          i % 2 ? { ...approve(1), decision: 'reject', reason: 'No.' } : approve(1),
          t0,
        ),
      ),
    );
    const landed = results.filter((r) => r.status === 'fulfilled');
    expect(landed).toHaveLength(1);
    const winner = await db.reviewDecision.findFirstOrThrow({ where: { workspaceId: 'rv-race' } });
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect((r.reason as Error).message).toMatch(new RegExp(`^${winner.reviewerLabel} decided first`));
    }
    expect(await db.reviewDecision.count({ where: { workspaceId: 'rv-race' } })).toBe(1);
    // A decision from a page opened before is refused the same way.
    await expect(decide(db, sam, 'rv-race', 'ag-race', approve(1), t0)).rejects.toThrow(/decided first/);
  });
});
