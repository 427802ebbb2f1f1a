// The review queue's two reads (issue 20, item 4): the keys of up to QUEUE_LIMIT queued agents, riskiest first
// (the page's badge, figures and sort), then the shown page's agents read whole — why each is queued and its last
// approval — so a request works on the hundred it shows, not on a thousand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createTestDatabase } from '@/test/db.ts';
import { recordingDb } from '@/test/explain.ts';
import { QUEUE_LIMIT, queueDetails, queueKeys, reviewQueue } from './queue.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-queue-reads';
const AGENTS = QUEUE_LIMIT + 200;
const T0 = Date.parse('2026-11-01T00:00:00Z');
let url: string;
let db: Db;

const shape = (i: number) => ({
  trifecta: i % 3 === 0,
  effectiveState: i % 3 === 0 ? (i % 2 === 0 ? 'exposed' : 'mitigated') : i % 7 === 0 ? 'exposed' : 'none',
  status: i % 11 === 0 ? 'published' : i % 13 === 0 ? 'deleted' : 'draft',
});

beforeAll(async () => {
  url = await createTestDatabase('queue_reads');
  db = createDb(url);
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
  await db.agent.createMany({
    data: Array.from({ length: AGENTS }, (_, i) => ({
      ...NO_APPS,
      ...shape(i),
      legCount: shape(i).trifecta ? 3 : 1,
      workspaceId: WS,
      externalId: `agent-${i}`,
      name: `Agent ${i}`,
      ownerEmail: `owner${i % 4}@acme.example`,
      configHash: `h${i}`,
      updatedAt: new Date(T0 + i * 1000),
    })),
  });
  const id = async (n: number) =>
    (await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: `agent-${n}` } })).id;
  const decision = async (n: number, configHash: string, verdict: string) =>
    db.reviewDecision.create({
      data: {
        workspaceId: WS,
        agentId: await id(n),
        configHash,
        sequence: 1,
        decision: verdict,
        reason: 'test',
        reviewerLabel: 'rev@acme.example',
        decidedAt: new Date(T0),
      },
    });
  const register = async (n: number, configHash: string) =>
    db.registerEntry.create({
      data: {
        workspaceId: WS,
        agentId: await id(n),
        externalId: `agent-${n}`,
        agentName: `Agent ${n}`,
        ownerEmail: 'o@acme.example',
        configHash,
        approvers: ['ann@acme.example', 'bob@acme.example'],
        decisionIds: [],
        effectiveAt: new Date(T0 + 5000),
      },
    });
  await decision(AGENTS - 6, `h${AGENTS - 6}`, 'approve'); // one approval of two: awaiting a second approver
  await register(AGENTS - 12, 'an-older-configuration'); // changed since its last approval
  await decision(AGENTS - 18, 'an-older-configuration', 'reject'); // decided before, not at this configuration
  await register(AGENTS - 24, `h${AGENTS - 24}`); // approved as it is: off the queue
  await decision(AGENTS - 30, `h${AGENTS - 30}`, 'reject'); // rejected as it is: off the queue
});
afterAll(async () => db?.$disconnect());

describe('the review queue', () => {
  it('keys up to the limit, riskiest first: exposed, then a trifecta, then newest', async () => {
    const keys = await queueKeys(db, WS);
    expect(keys).toHaveLength(QUEUE_LIMIT);
    const rank = (k: (typeof keys)[number]) => {
      const i = Number(k.externalId.slice('agent-'.length));
      return [k.effectiveState === 'exposed' ? 0 : 1, shape(i).trifecta ? 0 : 1, -i];
    };
    const ranks = keys.map(rank);
    const sorted = [...ranks].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
    expect(ranks).toEqual(sorted);
    expect(keys.some((k) => k.status === 'deleted')).toBe(false);
    const queued = new Set(keys.map((k) => k.externalId));
    expect(queued.has(`agent-${AGENTS - 24}`)).toBe(false);
    expect(queued.has(`agent-${AGENTS - 30}`)).toBe(false);
  });

  it('reads one page of agents whole, in the order of its keys, with why each is queued', async () => {
    const keys = await queueKeys(db, WS);
    const page = keys.slice(100, 200).reverse();
    const items = await queueDetails(db, page);
    expect(items.map((q) => q.id)).toEqual(page.map((k) => k.id));
    const reasonOf = async (n: number) => {
      const key = keys.find((k) => k.externalId === `agent-${n}`)!;
      return (await queueDetails(db, [key]))[0]!;
    };
    expect((await reasonOf(AGENTS - 6)).reason).toBe('second_approver');
    expect(await reasonOf(AGENTS - 12)).toMatchObject({
      reason: 'changed',
      approvedBy: 'ann@acme.example and bob@acme.example',
      lastApprovedAt: new Date(T0 + 5000),
    });
    expect((await reasonOf(AGENTS - 18)).reason).toBe('pending');
    expect((await reasonOf(AGENTS - 1)).reason).toBe('new');
    expect(await queueDetails(db, [])).toEqual([]);
  });

  it('the keys carry no decisions or approvals; only the shown hundred are read whole', async () => {
    const { db: recording, sent } = recordingDb(url);
    try {
      const keys = await queueKeys(recording, WS);
      await queueDetails(recording, keys.slice(0, 100));
    } finally {
      await recording.$disconnect();
    }
    const whole = sent.filter((s) => s.text.includes('AS approvals'));
    expect(whole).toHaveLength(1);
    expect(whole[0]!.values.flat()).toHaveLength(100);
    const slices = sent.filter((s) => s.text.includes('FROM "Agent" a'));
    expect(slices.length).toBeGreaterThan(0);
    for (const slice of slices) expect(slice.text).not.toMatch(/AS (approvals|decisions|"everApproved")/);
  });

  it('the whole queue (the API and the seed read it) is the keys read whole', async () => {
    const queue = await reviewQueue(db, WS);
    expect(queue.map((q) => q.id)).toEqual((await queueKeys(db, WS)).map((k) => k.id));
  });
});
