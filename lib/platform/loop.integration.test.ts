// The whole loop against the simulated platform and a real PostgreSQL: request → send (the real act client) →
// answer → the puller reads the platform's log → confirmed. Also: a 429 then success, a read key used to act (403
// stops), an agent already gone (404), a crash after the request left (one act on the platform), a GPT isolated and
// confirmed by its audit-log event, an uploaded file that never confirms, and "not yet seen" after three pulls.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE, pullAllSources } from '@/lib/logs/puller/pull-all.ts';
import { ingestFile } from '@/lib/logs/store.ts';
import { readGptsFromApi } from '@/lib/gpts/read.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import type { SlowAnswer } from '@/lib/platform-sim/act-routes.ts';
import { type PlatformSim, type SimFailure, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { sendAction } from './act-client.ts';
import { confirmActions, notSeenAlertKey } from './confirm.ts';
import { type ExecutorDeps, LEASE_MS, runDueActions } from './executor.ts';
import { ACT_KEY_PURPOSE, COMPLIANCE_API_CLIENT_ID, PULLS_BEFORE_NOT_SEEN, NOT_SEEN_AFTER_MS } from './kinds.ts';
import { createRouteLimiter } from './limiter.ts';
import { requestActions } from './service.ts';
import { NO_APPS } from '@/test/agent-row.ts';

const SECRET = 'test-secret';
const READ = 'sk-read-loop';
const ACT = 'sk-act-loop';
const ic = { id: 'u-iris', label: 'iris@acme.example', role: 'incident-commander' };
const GPTS = demoGpts(new Date('2026-12-01T12:00:00Z'));
const GPT_ID = String(GPTS[0]!.gpt.id);
let url: string;
let db: Db;
let n = 0;
const sims: PlatformSim[] = [];

/** A workspace whose source points at a fresh simulated platform (its own principal, agents and log feed). */
async function setup(
  options: { failures?: SimFailure[]; actKey?: string; logTypes?: string[]; slowAnswers?: SlowAnswer[] } = {},
) {
  const ws = `ws-loop-${++n}`;
  const principal = `p-loop-${n}`;
  const sim = await startPlatformSim({
    principal,
    apiKey: READ,
    actKey: ACT,
    agents: [
      { id: 'agent-a', name: 'Sales Ops Agent' },
      { id: 'agent-b', name: 'Vendor intake' },
    ],
    source: arraySource(GPTS),
    failures: options.failures,
    slowAnswers: options.slowAnswers,
  });
  sims.push(sim);
  await createWorkspace(db, ic, { id: ws, name: ws, kind: 'workspace', principal });
  await db.complianceSource.create({
    data: {
      workspaceId: ws,
      baseUrl: sim.url,
      logTypes: options.logTypes ?? ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG'],
      keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, options.actKey ?? ACT),
      updatedBy: 'test',
    },
  });
  const deps: ExecutorDeps = { secretKey: SECRET, limiter: createRouteLimiter(), workspaceId: ws, budgetMs: 0 };
  const request = (kind: 'unpublish_agent' | 'isolate_gpt', targetId: string, suspensionId?: string) =>
    requestActions(db, ic, ws, {
      kind,
      targets: [{ agentId: null, targetId, label: targetId }],
      reason: 'incident',
      suspensionId,
    });
  return { ws, principal, sim, deps, request };
}

const action = (id: string) => db.platformAction.findUniqueOrThrow({ where: { id }, include: { attempts: true } });

beforeAll(async () => {
  url = await createTestDatabase('platform_loop');
  db = createDb(url);
});
afterAll(async () => {
  for (const sim of sims) await sim.close();
  await db.$disconnect();
});

describe('against the simulated platform', () => {
  it('unpublish: the platform answers, the puller reads its event, the action is confirmed', async () => {
    const { sim, deps, request, principal, ws } = await setup();
    const { ids } = await request('unpublish_agent', 'agent-a');
    expect((await runDueActions(db, deps)).sent).toBe(1);
    expect(await action(ids[0]!)).toMatchObject({ status: 'answered', outcome: 'done', answerStatus: 200 });
    expect(sim.acted).toHaveLength(1);
    expect(sim.agentStatus('agent-a')).toBe('unpublished');

    await pullAllSources(url, SECRET);
    const a = await action(ids[0]!);
    const event = sim.logs.files.flatMap((f) => f.lines).find((l) => l.event_type === 'AGENT_UNPUBLISHED')!;
    expect(event.client_id).toBe(COMPLIANCE_API_CLIENT_ID);
    expect(a).toMatchObject({ status: 'confirmed', confirmedEventId: `${principal}:${event.event_id}` });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'platform.action.confirmed', targetId: a.id },
    });
    expect(audit).toMatchObject({ workspaceId: ws });
  });

  it('a 429 with Retry-After is waited out and the second attempt succeeds with the same key', async () => {
    const { sim, deps, request } = await setup({
      failures: [{ route: 'unpublishAgent', status: 429, times: 1, retryAfterSeconds: 1 }],
    });
    const { ids } = await request('unpublish_agent', 'agent-b');
    await runDueActions(db, { ...deps, budgetMs: 10_000 });
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done' });
    expect(a.attempts.map((x) => x.status).sort()).toEqual([200, 429]);
    expect(a.attempts.find((x) => x.status === 429)!.retryAfterMs).toBe(1_000);
    expect(sim.acted).toHaveLength(1);
  });

  it('the read key used as the act key is refused (403) and nothing more is tried', async () => {
    const { sim, deps, request } = await setup({ actKey: READ });
    const { ids } = await request('unpublish_agent', 'agent-a');
    await runDueActions(db, { ...deps, budgetMs: 5_000 });
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'failed', outcome: 'refused', answerStatus: 403 });
    expect(a.note).toMatch(/act key was refused \(403\).*delete\/act scope/);
    expect(a.attempts).toHaveLength(1);
    expect(sim.acted).toHaveLength(0);
    expect(sim.agentStatus('agent-a')).toBe('published');
  });

  it('an agent the platform does not know is already gone (404): answered, with the note', async () => {
    const { deps, request } = await setup();
    const { ids } = await request('unpublish_agent', 'agent-nobody');
    await runDueActions(db, deps);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'already_gone', answerStatus: 404 });
    expect(a.note).toMatch(/already gone/);
  });

  it('a crash after the request left: the retry reuses the idempotency key and the platform acts once', async () => {
    const { sim, deps, request } = await setup();
    const { ids } = await request('unpublish_agent', 'agent-a');
    const crashing: ExecutorDeps['send'] = async (...args) => {
      await sendAction(...args);
      throw new Error('killed after the request left');
    };
    await runDueActions(db, { ...deps, send: crashing });
    expect((await action(ids[0]!)).status).toBe('sending');
    expect(sim.acted).toHaveLength(1);
    // "Restart": the lease of the lost attempt is over, the executor sends it again.
    const later = () => new Date(Date.now() + LEASE_MS + 1_000);
    expect((await runDueActions(db, { ...deps, now: later })).sent).toBe(1);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done', answerStatus: 200 });
    expect(a.attempts).toHaveLength(2);
    expect(sim.acted).toHaveLength(1);
  });

  it('a timeout after the platform acted: the retry gets the first answer under the same key, one act', async () => {
    const { sim, deps, request } = await setup({ slowAnswers: [{ route: 'unpublishAgent', ms: 1_500, times: 1 }] });
    const { ids } = await request('unpublish_agent', 'agent-b');
    const impatient: ExecutorDeps['send'] = (settings, kind, target, key) =>
      sendAction(settings, kind, target, key, { timeoutMs: 300 });
    await runDueActions(db, { ...deps, send: impatient, random: () => 0, budgetMs: 5_000 });
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done', answerStatus: 200 });
    expect(a.attempts.map((x) => x.status).sort()).toEqual([200, null]);
    expect(a.attempts.find((x) => x.status === null)!.error).toMatch(/no answer/);
    expect(sim.acted).toHaveLength(1);
  });

  it('isolate a GPT: confirmed by its audit-log event, matched on the gpt id inside the record', async () => {
    const { sim, deps, request } = await setup();
    const { ids } = await request('isolate_gpt', GPT_ID);
    await runDueActions(db, deps);
    expect(sim.acted).toHaveLength(1);
    await pullAllSources(url, SECRET);
    expect((await action(ids[0]!)).status).toBe('confirmed');
  });

  /** Moves an action's answer back in time (the pulls of these tests run a few seconds apart). */
  const answeredAgo = (id: string, ms: number) =>
    db.platformAction.update({ where: { id }, data: { answeredAt: new Date(Date.now() - ms) } });

  it('an uploaded file never confirms; three pulls 15 minutes after: not yet seen, one alert', async () => {
    // The source does not pull the agents' log: the platform's own event is never read, only the upload.
    const { deps, request, principal, ws } = await setup({ logTypes: ['AUDIT_LOG'] });
    const { ids } = await request('unpublish_agent', 'agent-a');
    await runDueActions(db, deps);
    const a0 = await action(ids[0]!);
    expect(a0.status).toBe('answered');
    // Someone uploads a file holding exactly the event that would confirm it.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loop-'));
    const file = path.join(dir, 'upload.jsonl');
    await writeFile(
      file,
      JSON.stringify({
        event_id: `up-${ws}`,
        type: 'CUSTOM_AGENTS_LOG',
        timestamp: new Date(a0.sentAt!.getTime() + 1_000).toISOString(),
        principal: { id: principal, type: 'CHATGPT_WORKSPACE' },
        event_type: 'AGENT_UNPUBLISHED',
        client_id: COMPLIANCE_API_CLIENT_ID,
        event_details: { agent_id: 'agent-a' },
      }),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await ingestFile(client, file, { source: 'upload', name: 'upload.jsonl', startedBy: ic.label });
    await client.end();
    await rm(dir, { recursive: true, force: true });

    // Pulls right after the answer (a minute apart) are not enough: the platform's logs may lag.
    for (let i = 0; i < PULLS_BEFORE_NOT_SEEN; i++) await pullAllSources(url, SECRET);
    expect(await action(ids[0]!)).toMatchObject({ status: 'answered', pullsWithout: PULLS_BEFORE_NOT_SEEN });
    await answeredAgo(ids[0]!, NOT_SEEN_AFTER_MS);
    await pullAllSources(url, SECRET);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'not_seen', pullsWithout: PULLS_BEFORE_NOT_SEEN + 1, confirmedEventId: null });
    const alerts = await db.alert.findMany({ where: { workspaceId: ws, key: notSeenAlertKey(a.id) } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toMatch(/Not yet seen/);
    expect(await db.auditEvent.count({ where: { action: 'platform.action.not_seen', targetId: a.id } })).toBe(1);

    // A GPT read is not a pull: it does not count.
    await confirmActions(db, ws, new Date(), { countPull: false });
    expect((await action(ids[0]!)).pullsWithout).toBe(PULLS_BEFORE_NOT_SEEN + 1);
  });

  it('a pull that failed does not count as a pull without the event', async () => {
    // Only the audit log is pulled: the unpublish event on the agents' log is never read.
    const { deps, request, ws } = await setup({ logTypes: ['AUDIT_LOG'] });
    const { ids } = await request('unpublish_agent', 'agent-b');
    await runDueActions(db, deps);
    // The read key is replaced by one the platform refuses: every log type of the pull fails.
    await db.complianceSource.update({
      where: { workspaceId: ws },
      data: { keyCiphertext: seal(SECRET, API_KEY_PURPOSE, 'sk-wrong') },
    });
    await pullAllSources(url, SECRET);
    expect((await action(ids[0]!)).pullsWithout).toBe(0);
    await db.complianceSource.update({
      where: { workspaceId: ws },
      data: { keyCiphertext: seal(SECRET, API_KEY_PURPOSE, READ) },
    });
    await pullAllSources(url, SECRET);
    expect((await action(ids[0]!)).pullsWithout).toBe(1);
  });

  it('a 404 (already gone) is answered with its note and never waits for an event or raises not seen', async () => {
    const { deps, request } = await setup();
    const { ids } = await request('unpublish_agent', 'agent-ghost');
    await runDueActions(db, deps);
    await answeredAgo(ids[0]!, NOT_SEEN_AFTER_MS);
    for (let i = 0; i < PULLS_BEFORE_NOT_SEEN + 1; i++) await pullAllSources(url, SECRET);
    expect(await action(ids[0]!)).toMatchObject({ status: 'answered', outcome: 'already_gone', pullsWithout: 0 });
  });

  it('a later event still confirms an action not yet seen, and resolves its alert', async () => {
    // The source does not pull the agents' log at first: the unpublish event is there, but not read.
    const { deps, request, ws } = await setup({ logTypes: ['AUDIT_LOG'] });
    const { ids } = await request('unpublish_agent', 'agent-b');
    await runDueActions(db, deps);
    await answeredAgo(ids[0]!, NOT_SEEN_AFTER_MS);
    for (let i = 0; i < PULLS_BEFORE_NOT_SEEN; i++) await pullAllSources(url, SECRET);
    expect((await action(ids[0]!)).status).toBe('not_seen');
    const key = notSeenAlertKey(ids[0]!);
    expect((await db.alert.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: ws, key } } })).status).toBe(
      'open',
    );
    await db.complianceSource.update({ where: { workspaceId: ws }, data: { logTypes: ['CUSTOM_AGENTS_LOG'] } });
    await pullAllSources(url, SECRET);
    expect((await action(ids[0]!)).status).toBe('confirmed');
    const alert = await db.alert.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: ws, key } } });
    expect(alert.status).toBe('resolved');
  });

  it("a suspension's action: answered and confirmed times are copied onto the suspension", async () => {
    const { deps, request, ws } = await setup();
    const triggeredAt = new Date(Date.now() - 60_000);
    const agent = await db.agent.create({
      data: {
        workspaceId: ws,
        externalId: 'agent-a',
        name: 'Sales Ops Agent',
        ownerEmail: 'o@acme.example',
        ...NO_APPS,
        configHash: 'h',
      },
    });
    const s = await db.suspension.create({
      data: {
        workspaceId: ws,
        agentId: agent.id,
        externalId: 'agent-a',
        kind: 'incident',
        reason: 'leak',
        triggeredBy: ic.label,
        triggeredAt,
        evidenceAt: triggeredAt,
      },
    });
    const { ids } = await request('unpublish_agent', 'agent-a', s.id);
    await runDueActions(db, deps);
    await pullAllSources(url, SECRET);
    const a = await action(ids[0]!);
    expect(a.status).toBe('confirmed');
    const after = await db.suspension.findUniqueOrThrow({ where: { id: s.id } });
    expect(after.platformAnsweredAt?.getTime()).toBe(a.answeredAt!.getTime());
    expect(after.confirmedAt?.getTime()).toBe(a.confirmedAt!.getTime());
    expect(after.confirmedBy).toContain(a.confirmedEventId!);
  });

  it('a GPT action is also confirmed by the next API read that shows the change (no log pulled)', async () => {
    const { sim, deps, request, ws, principal } = await setup({ logTypes: [] });
    const { ids } = await request('isolate_gpt', GPT_ID);
    await runDueActions(db, deps);
    await confirmActions(db, ws, new Date(), { countPull: false });
    expect((await action(ids[0]!)).status).toBe('answered'); // nothing read since the call
    const { runId } = await readGptsFromApi(db, ws, { baseUrl: sim.url, principal, apiKey: READ });
    await confirmActions(db, ws, new Date(), { countPull: false });
    expect(await action(ids[0]!)).toMatchObject({ status: 'confirmed', confirmedEventId: `gpt-read:${runId}` });
  });
});
