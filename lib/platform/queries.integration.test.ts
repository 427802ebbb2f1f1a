// The Actions page's reads against a real PostgreSQL: filters (kind, status, target text taken literally,
// requester or policy), sort and paging, counts with lapsed requests read as expired, the requests waiting for a
// second person grouped by batch, the queue of a released batch, one action with its attempts, a target's actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { ACTION_PAGE_SIZE, parseActionFilter } from './filter.ts';
import { ACT_KEY_PURPOSE, APPROVAL_TTL_MS } from './kinds.ts';
import {
  actionCounts,
  actionsForExport,
  getAction,
  listActions,
  pendingRequests,
  queueProgress,
  targetActions,
} from './queries.ts';
import { approveActions, requestActions } from './service.ts';

const WS = 'ws-q';
const OTHER = 'ws-q-other';
const rita = { id: 'u-rita', label: 'rita@acme.example', role: 'reviewer' };
const ivan = { id: 'u-ivan', label: 'ivan@acme.example', role: 'incident-commander' };
const ada = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const t0 = new Date('2026-12-06T09:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
let db: Db;
const ids: Record<string, string> = {};

const filter = (params: Record<string, string> = {}) => parseActionFilter(params);
const target = (targetId: string, label: string, agentId: string | null = null) => ({ agentId, targetId, label });

beforeAll(async () => {
  db = createDb(await createTestDatabase('platform_queries'));
  for (const id of [WS, OTHER]) {
    await createWorkspace(db, ada, { id, name: id, kind: 'workspace', principal: `p-${id}` });
    await db.complianceSource.create({
      data: {
        workspaceId: id,
        baseUrl: 'http://127.0.0.1:9/v1/compliance',
        logTypes: [],
        keyCiphertext: seal('s', 'compliance-api-key', 'sk-read'),
        actKeyCiphertext: seal('s', ACT_KEY_PURPOSE, 'sk-act'),
        updatedBy: ada.label,
      },
    });
  }
  const agent = await db.agent.create({
    data: {
      workspaceId: WS,
      externalId: 'agt-finance',
      name: 'Finance bot',
      ownerEmail: 'fin@acme.example',
      apps: [],
      connectors: [],
      configHash: 'h',
      appIds: [],
      unknownApps: [],
      unclassifiedMcp: [],
      legs: {},
      legCount: 0,
      trifecta: false,
      breakApps: [],
      effectiveState: 'none',
    },
  });
  ids.agent = agent.id;
  const req = (actor: typeof rita, input: Parameters<typeof requestActions>[3], minutes: number, ws = WS) =>
    requestActions(db, actor, ws, input, at(minutes));
  ids.unpublish = (
    await req(
      rita,
      { kind: 'unpublish_agent', targets: [target('agt-finance', 'Finance bot', agent.id)], reason: 'leak' },
      0,
    )
  ).ids[0]!;
  ids.isolate = (
    await req(ivan, { kind: 'isolate_gpt', targets: [target('g-100%', 'Sales 100% GPT')], reason: 'overshared' }, 1)
  ).ids[0]!;
  const del = await req(
    rita,
    { kind: 'delete_agent', targets: [target('agt-finance', 'Finance bot')], reason: 'gone' },
    2,
  );
  ids.delete = del.ids[0]!;
  ids.deleteBatch = del.batchId!;
  const batch = await req(
    ivan,
    {
      kind: 'unpublish_agent',
      targets: Array.from({ length: 12 }, (_, i) => target(`agt-b${i}`, `Batch ${String(i).padStart(2, '0')}`)),
      reason: 'campaign',
    },
    3,
  );
  ids.batch = batch.batchId!;
  await approveActions(db, ada, WS, { batchId: batch.batchId! }, at(4));
  // The executor's work, as it records it: two answered, one sending with an open attempt, nine still queued.
  const [b0, b1, b2] = batch.ids;
  for (const [id, status] of [
    [b0, 'answered'],
    [b1, 'confirmed'],
    [b2, 'sending'],
  ] as const)
    await db.platformAction.update({ where: { id }, data: { status, sentAt: at(5) } });
  await db.platformActionAttempt.createMany({
    data: [
      { actionId: ids.unpublish, number: 2, startedAt: at(1), finishedAt: at(1), status: 200 },
      { actionId: ids.unpublish, number: 1, startedAt: at(0), finishedAt: at(0), status: 429, retryAfterMs: 30_000 },
    ],
  });
  await db.platformAction.update({
    where: { id: ids.unpublish },
    data: { status: 'confirmed', answerStatus: 200, outcome: 'done', confirmedEventId: 'p:e-1', confirmedAt: at(6) },
  });
  // A request made long ago, never approved: it lapsed, though the expiry job has not run.
  ids.lapsed = (
    await requestActions(
      db,
      rita,
      WS,
      { kind: 'delete_gpt', targets: [target('g-old', 'Old GPT')], reason: 'stale' },
      new Date(t0.getTime() - APPROVAL_TTL_MS - 60_000),
    )
  ).ids[0]!;
  await req(rita, { kind: 'unpublish_agent', targets: [target('agt-x', 'Elsewhere')], reason: 'other ws' }, 0, OTHER);
});
afterAll(async () => {
  await db.$disconnect();
});

const now = at(10);

describe('listActions', () => {
  it('lists the workspace’s actions newest first, with attempt counts, and nothing of another workspace', async () => {
    const { rows, total } = await listActions(db, WS, filter(), now);
    expect(total).toBe(16);
    expect(rows[0]!.kind).toBe('unpublish_agent');
    expect(rows.at(-1)!.id).toBe(ids.lapsed);
    expect(rows.find((r) => r.id === ids.unpublish)!.attempts).toBe(2);
    expect(rows.some((r) => r.targetLabel === 'Elsewhere')).toBe(false);
  });

  it('filters by kind and by status, a lapsed request reading expired', async () => {
    const kinds = await listActions(db, WS, filter({ kind: 'delete_agent' }), now);
    expect(kinds.rows.map((r) => r.id)).toEqual([ids.delete]);
    const waiting = await listActions(db, WS, filter({ status: 'awaiting_approval' }), now);
    expect(waiting.rows.map((r) => r.id)).toEqual([ids.delete]);
    const expired = await listActions(db, WS, filter({ status: 'expired' }), now);
    expect(expired.rows.map((r) => [r.id, r.status])).toEqual([[ids.lapsed, 'expired']]);
    const open = await listActions(db, WS, filter({ status: 'open' }), now);
    expect(open.total).toBe(1 + 1 + 12 - 1); // isolate queued, delete waiting, the batch less its confirmed one
  });

  it('searches the target literally (a % is a percent sign) and the requester, or the policy', async () => {
    expect((await listActions(db, WS, filter({ q: '100%' }), now)).rows.map((r) => r.id)).toEqual([ids.isolate]);
    expect((await listActions(db, WS, filter({ q: '%' }), now)).rows.map((r) => r.id)).toEqual([ids.isolate]);
    expect((await listActions(db, WS, filter({ q: 'FINANCE' }), now)).total).toBe(2);
    const ivans = await listActions(db, WS, filter({ requester: 'ivan@' }), now);
    expect(ivans.total).toBe(13);
    expect((await listActions(db, WS, filter({ requester: 'policy' }), now)).total).toBe(0);
  });

  it('sorts by target and pages', async () => {
    const byTarget = await listActions(db, WS, filter({ sort: 'target', q: 'Batch' }), now);
    expect(byTarget.rows.map((r) => r.targetLabel)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Batch ${String(i).padStart(2, '0')}`),
    );
    const desc = await listActions(db, WS, filter({ sort: 'target', dir: 'desc', q: 'Batch' }), now);
    expect(desc.rows[0]!.targetLabel).toBe('Batch 11');
    const beyond = await listActions(db, WS, filter({ page: '2' }), now);
    expect(beyond.rows).toHaveLength(Math.max(0, 16 - ACTION_PAGE_SIZE));
  });

  it('exports every row of the filter in the page’s order', async () => {
    const exported = [];
    for await (const r of actionsForExport(db, WS, filter({ q: 'Batch', sort: 'target' }), now)) exported.push(r);
    expect(exported.map((r) => r.targetLabel)).toEqual(
      (await listActions(db, WS, filter({ q: 'Batch', sort: 'target' }), now)).rows.map((r) => r.targetLabel),
    );
  });
});

describe('counts, pending requests and the queue', () => {
  it('counts each status, lapsed requests as expired', async () => {
    const counts = await actionCounts(db, WS, now);
    expect(counts).toMatchObject({
      awaiting_approval: 1,
      expired: 1,
      queued: 1 + 9,
      sending: 1,
      answered: 1,
      confirmed: 2,
    });
  });

  it('lists each request waiting for a second person once, with its requester, not the lapsed one', async () => {
    const pending = await pendingRequests(db, WS, now);
    expect(pending).toEqual([
      expect.objectContaining({
        key: ids.deleteBatch,
        batchId: ids.deleteBatch,
        kind: 'delete_agent',
        count: 1,
        requestedById: rita.id,
        requestedBy: rita.label,
        labels: ['Finance bot'],
      }),
    ]);
  });

  it('shows a released batch’s queue: waiting, sending and answered, until none waits', async () => {
    const queue = await queueProgress(db, WS);
    const batch = queue.find((q) => q.batchId === ids.batch)!;
    expect(batch).toMatchObject({ total: 12, queued: 9, sending: 1, answered: 2, failed: 0, approvedBy: ada.label });
    expect(queue.map((q) => q.key)).toContain(ids.isolate);
    expect((await queueProgress(db, WS, ids.batch)).map((q) => q.key)).toEqual([ids.batch]);
    await db.platformAction.updateMany({ where: { batchId: ids.batch }, data: { status: 'answered' } });
    expect((await queueProgress(db, WS, ids.batch)).length).toBe(0);
  });
});

describe('one action, and a target’s actions', () => {
  it('reads one action with its attempts in order, and nothing of another workspace', async () => {
    const a = (await getAction(db, WS, ids.unpublish, now))!;
    expect(a.attemptList.map((t) => [t.number, t.status, t.retryAfterMs])).toEqual([
      [1, 429, 30_000],
      [2, 200, null],
    ]);
    expect(a).toMatchObject({ status: 'confirmed', confirmedEventId: 'p:e-1', requestedBy: rita.label });
    expect(await getAction(db, OTHER, ids.unpublish, now)).toBeNull();
  });

  it('finds an agent’s actions by its row or its platform id', async () => {
    const rows = await targetActions(db, WS, { agentId: ids.agent!, targetId: 'agt-finance' }, now);
    expect(rows.map((r) => r.id).sort()).toEqual([ids.unpublish, ids.delete].sort());
  });
});
