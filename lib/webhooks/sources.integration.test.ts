// The events come from the changes themselves, in their transactions: a findings sync opens and resolves findings
// (finding.opened / finding.closed), a review decision (review.decided), the platform's answer to an action
// (platform_action.done). Each is queued for a subscription that asked for it, and only for that one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { applyDrafts } from '@/lib/findings/sync.ts';
import type { FindingDraft } from '@/lib/findings/types.ts';
import { createRouteLimiter } from '@/lib/platform/limiter.ts';
import { runDueActions } from '@/lib/platform/executor.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { requestActions } from '@/lib/platform/service.ts';
import { decide } from '@/lib/reviews/decisions.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import type { WebhookEventType } from './events.ts';
import { createSubscription } from './service.ts';

const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
const rhea = { id: 'u-rhea', label: 'rhea@acme.example', email: 'rhea@acme.example', role: 'reviewer' };
const KEY = 'secret-key';
const t0 = new Date('2026-12-06T10:00:00Z');
let db: Db;
let n = 0;

beforeAll(async () => {
  db = createDb(await createTestDatabase('webhook_sources'));
});
afterAll(async () => {
  await db.$disconnect();
});

/** A workspace with one subscription to `types`, and a second one to nothing relevant. */
async function listening(types: WebhookEventType[]) {
  const ws = `ws-src-${++n}`;
  await createWorkspace(db, admin, { id: ws, name: ws, kind: 'workspace', principal: `p-${ws}` });
  const base = { format: 'tollgate' as const, minSeverity: null, enabled: true, description: '' };
  const sub = await createSubscription(db, admin, ws, { ...base, eventTypes: types, url: 'https://a.example/' }, KEY);
  const other = await createSubscription(
    db,
    admin,
    ws,
    { ...base, eventTypes: ['exception.expiring'], url: 'https://b.example/' },
    KEY,
  );
  return { ws, sub: sub.id, other: other.id };
}

const queued = (subscriptionId: string) =>
  db.webhookDelivery.findMany({
    where: { subscriptionId },
    orderBy: { createdAt: 'asc' },
    select: { status: true, event: { select: { type: true, subjectId: true, data: true } } },
  });

const draft = (key: string): FindingDraft => ({
  key,
  control: '2.3',
  kind: 'allow-all',
  subjectType: 'app',
  subjectId: key,
  subjectLabel: key,
  message: `${key} allows every action`,
  cause: {},
});

describe('webhook events from their sources', () => {
  it('a findings sync queues finding.opened for new findings and finding.closed for resolved ones', async () => {
    const { ws, sub, other } = await listening(['finding.opened', 'finding.closed']);
    const opened = await db.$transaction((tx) => applyDrafts(tx, ws, t0, SYSTEM_ACTOR, [draft('f-a')], []));
    expect(opened.opened).toEqual(['f-a']);
    const rows = await db.finding.findMany({ where: { workspaceId: ws } });
    await db.$transaction((tx) => applyDrafts(tx, ws, t0, SYSTEM_ACTOR, [], rows));
    const got = await queued(sub);
    expect(got.map((d) => d.event.type)).toEqual(['finding.opened', 'finding.closed']);
    expect(got[0]!.event).toMatchObject({
      subjectId: rows[0]!.id,
      data: { finding_id: rows[0]!.id, key: 'f-a', control: '2.3', message: 'f-a allows every action' },
    });
    expect(await queued(other)).toEqual([]);
  });

  it('a review decision queues review.decided', async () => {
    const { ws, sub } = await listening(['review.decided']);
    const connectors = [{ app: 'notion' }];
    const hash = configHash(connectors);
    const resolve = createAppResolver(builtinCatalogue('guide'));
    await db.agent.create({
      data: {
        workspaceId: ws,
        externalId: 'ag-1',
        name: 'Notes bot',
        ownerEmail: 'olga@acme.example',
        status: 'published',
        apps: ['notion'],
        connectors,
        configHash: hash,
        ...classificationColumns(classifyAgent(connectors, resolve, { configHash: hash })),
      },
    });
    const input = { decision: 'reject' as const, reason: 'Not needed.', sequence: 1, confirmedSteps: [] };
    const d = await decide(db, rhea, ws, 'ag-1', input, t0);
    expect(await queued(sub)).toEqual([
      {
        status: 'pending',
        event: {
          type: 'review.decided',
          subjectId: 'ag-1',
          data: expect.objectContaining({ decision_id: d.id, agent_name: 'Notes bot', decision: 'reject' }),
        },
      },
    ]);
  });

  it('the platform answering an action queues platform_action.done', async () => {
    const { ws, sub } = await listening(['platform_action.done']);
    await db.complianceSource.create({
      data: {
        workspaceId: ws,
        baseUrl: 'http://127.0.0.1:9/v1/compliance',
        logTypes: [],
        keyCiphertext: seal(KEY, 'compliance-api-key', 'sk-read'),
        actKeyCiphertext: seal(KEY, ACT_KEY_PURPOSE, 'sk-act'),
        updatedBy: 'test',
      },
    });
    const { ids } = await requestActions(
      db,
      rhea,
      ws,
      { kind: 'unpublish_agent', targets: [{ agentId: null, targetId: 'agt-0', label: 'A0' }], reason: 'incident' },
      t0,
    );
    let t = t0.getTime();
    await runDueActions(db, {
      secretKey: KEY,
      now: () => new Date(t),
      sleep: async (ms) => {
        t += ms;
      },
      send: async () => ({ status: 200, retryAfterMs: null, body: { ok: true }, error: null }),
      limiter: createRouteLimiter(),
      random: () => 0.5,
      budgetMs: 0,
      workspaceId: ws,
    });
    expect(await queued(sub)).toEqual([
      {
        status: 'pending',
        event: {
          type: 'platform_action.done',
          subjectId: ids[0],
          data: expect.objectContaining({ kind: 'unpublish_agent', status: 'answered', outcome: 'done' }),
        },
      },
    ]);
  });
});
