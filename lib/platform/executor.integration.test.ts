// The executor against a real PostgreSQL, with a scripted platform (idempotent like the real one is assumed to
// be) and an injected clock: success, 429 then success with Retry-After, 403 stops, 404 already gone, out of
// attempts, a crash after the request left (one act, the same key), two workers at once (each action sent once),
// and the route limit never exceeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import type { SendResult } from './act-client.ts';
import { MAX_ATTEMPTS } from './answer.ts';
import { type ExecutorDeps, executeAction, LEASE_MS, runDueActions, type SendFn } from './executor.ts';
import { ACT_KEY_PURPOSE, ROUTE_LIMIT_PER_MINUTE } from './kinds.ts';
import { createRouteLimiter, ROUTE_WINDOW_MS } from './limiter.ts';
import { approveActions, requestActions } from './service.ts';

const SECRET = 'test-secret';
const ACT_KEY = 'sk-act-executor';
const reviewer = { id: 'u-rita', label: 'rita@acme.example', role: 'reviewer' };
const admin = { id: 'u-ada', label: 'ada@acme.example', role: 'admin' };
let db: Db;
let n = 0;

/** A platform that acts once per idempotency key and answers what the script says (then 200). */
function fakePlatform(script: (SendResult | 'throw-after-acting')[] = []) {
  const calls: { at: number; key: string; kind: string; targetId: string; actKey: string }[] = [];
  const acted = new Map<string, SendResult>();
  let clock = () => 0;
  const send: SendFn = async (settings, kind, target, key) => {
    calls.push({ at: clock(), key, kind, targetId: target.targetId, actKey: settings.actKey });
    const next = script.shift();
    if (next === 'throw-after-acting') {
      acted.set(key, ok);
      throw new Error('the process stopped before the answer was stored');
    }
    if (acted.has(key)) return acted.get(key)!;
    const answer = next ?? ok;
    if (answer.status === 200) acted.set(key, answer);
    return answer;
  };
  return { send, calls, acted, setClock: (c: () => number) => (clock = c) };
}
const ok: SendResult = { status: 200, retryAfterMs: null, body: { ok: true }, error: null };
const answer = (status: number | null, retryAfterMs: number | null = null): SendResult => ({
  status,
  retryAfterMs,
  body: { error: { message: `simulated ${status}` } },
  error: `the platform answered ${status}`,
});

/** A fresh workspace with an act key, a clock starting at t0, and deps wired to the fake platform. */
async function setup(script: Parameters<typeof fakePlatform>[0] = []) {
  const ws = `ws-exec-${++n}`;
  await createWorkspace(db, admin, { id: ws, name: ws, kind: 'workspace', principal: `p-${ws}` });
  await db.complianceSource.create({
    data: {
      workspaceId: ws,
      baseUrl: 'http://127.0.0.1:9/v1/compliance',
      logTypes: [],
      keyCiphertext: seal(SECRET, 'compliance-api-key', 'sk-read'),
      actKeyCiphertext: seal(SECRET, ACT_KEY_PURPOSE, ACT_KEY),
      updatedBy: 'test',
    },
  });
  let t = Date.parse('2026-12-06T10:00:00.000Z');
  const platform = fakePlatform(script);
  platform.setClock(() => t);
  const deps: ExecutorDeps = {
    secretKey: SECRET,
    now: () => new Date(t),
    sleep: async (ms) => {
      t += ms;
    },
    send: platform.send,
    limiter: createRouteLimiter(),
    random: () => 0.5,
    budgetMs: 0,
    workspaceId: ws,
  };
  const request = async (targets = 1, kind: 'unpublish_agent' | 'isolate_gpt' = 'unpublish_agent') =>
    requestActions(
      db,
      reviewer,
      ws,
      {
        kind,
        targets: Array.from({ length: targets }, (_, i) => ({ agentId: null, targetId: `agt-${i}`, label: `A${i}` })),
        reason: 'incident',
      },
      new Date(t),
    );
  return { ws, platform, deps, request, advance: (ms: number) => (t += ms), now: () => t };
}

const action = (id: string) => db.platformAction.findUniqueOrThrow({ where: { id }, include: { attempts: true } });

beforeAll(async () => {
  db = createDb(await createTestDatabase('platform_executor'));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('runDueActions', () => {
  it('sends a queued action with the act key and its idempotency key: answered, done, audited', async () => {
    const { platform, deps, request, now } = await setup();
    const { ids } = await request();
    expect(await runDueActions(db, deps)).toEqual({ sent: 1, left: 0 });
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done', answerStatus: 200, nextAttemptAt: null });
    expect(a.sentAt?.getTime()).toBe(now());
    expect(a.attempts).toMatchObject([{ number: 1, status: 200 }]);
    expect(a.attempts[0]!.finishedAt).not.toBeNull();
    expect(platform.calls).toEqual([
      { at: now(), key: a.idempotencyKey, kind: 'unpublish_agent', targetId: 'agt-0', actKey: ACT_KEY },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'platform.action.answered', targetId: a.id },
    });
    expect(JSON.stringify(audit.diff)).not.toContain(ACT_KEY);
    // Nothing left: a second run sends nothing.
    expect(await runDueActions(db, deps)).toEqual({ sent: 0, left: 0 });
  });

  it('a 429 goes back to the queue until its Retry-After, then succeeds with the same key', async () => {
    const { platform, deps, request, advance } = await setup([answer(429, 7_000)]);
    const { ids } = await request();
    await runDueActions(db, deps);
    let a = await action(ids[0]!);
    expect(a.status).toBe('queued');
    expect(a.nextAttemptAt!.getTime() - a.attempts[0]!.finishedAt!.getTime()).toBe(7_000);
    expect(a.attempts[0]).toMatchObject({ status: 429, retryAfterMs: 7_000 });
    advance(6_999);
    expect((await runDueActions(db, deps)).sent).toBe(0);
    advance(1);
    expect((await runDueActions(db, deps)).sent).toBe(1);
    a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done' });
    expect(a.attempts.map((x) => x.status).sort()).toEqual([200, 429]);
    expect(new Set(platform.calls.map((c) => c.key))).toEqual(new Set([a.idempotencyKey]));
  });

  it('a 403 stops at once, naming the act key and the delete/act scope', async () => {
    const { platform, deps, request, advance } = await setup([answer(403)]);
    const { ids } = await request();
    await runDueActions(db, deps);
    advance(3_600_000);
    await runDueActions(db, deps);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'failed', outcome: 'refused', answerStatus: 403 });
    expect(a.note).toMatch(/act key was refused \(403\).*delete\/act scope/);
    expect(platform.calls).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: 'platform.action.failed', targetId: a.id } })).toBe(1);
  });

  it('a 404 is answered with the note that the target is already gone', async () => {
    const { deps, request } = await setup([answer(404)]);
    const { ids } = await request();
    await runDueActions(db, deps);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'already_gone', answerStatus: 404 });
    expect(a.note).toMatch(/already gone/);
  });

  it('5xx and no answer are retried with back-off, and the action fails after the last attempt', async () => {
    const script = Array.from({ length: MAX_ATTEMPTS }, (_, i) => (i % 2 ? answer(503) : answer(null)));
    const { platform, deps, request } = await setup(script);
    const { ids } = await request();
    const res = await runDueActions(db, { ...deps, budgetMs: 24 * 3_600_000 });
    expect(res.sent).toBe(MAX_ATTEMPTS);
    const a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'failed', outcome: 'failed' });
    expect(a.note).toMatch(new RegExp(`after ${MAX_ATTEMPTS} attempts`));
    expect(platform.calls).toHaveLength(MAX_ATTEMPTS);
    const gaps = platform.calls.slice(1).map((c, i) => c.at - platform.calls[i]!.at);
    expect(gaps.slice(1).every((g, i) => g >= gaps[i]!)).toBe(true); // the back-off grows
  });

  it('a crash after the request left: it stays sending, then goes again with the same key and acts once', async () => {
    const { platform, deps, request, advance } = await setup(['throw-after-acting']);
    const { ids } = await request();
    await runDueActions(db, deps);
    let a = await action(ids[0]!);
    expect(a.status).toBe('sending');
    expect(a.attempts).toMatchObject([{ number: 1, finishedAt: null, status: null }]);
    advance(LEASE_MS - 1); // still under the first attempt's lease: nobody sends it again
    expect((await runDueActions(db, deps)).sent).toBe(0);
    advance(1);
    expect((await runDueActions(db, deps)).sent).toBe(1);
    a = await action(ids[0]!);
    expect(a).toMatchObject({ status: 'answered', outcome: 'done' });
    expect(platform.acted.size).toBe(1);
    expect(platform.calls.map((c) => c.key)).toEqual([a.idempotencyKey, a.idempotencyKey]);
    const first = a.attempts.find((x) => x.number === 1)!;
    expect(first.error).toMatch(/no answer stored/);
  });

  it('two workers at once send each action exactly once', async () => {
    const { platform, deps, request, ws } = await setup();
    await approveActions(db, admin, ws, { batchId: (await request(30)).batchId! });
    const [a, b] = await Promise.all([
      runDueActions(db, { ...deps, limiter: createRouteLimiter() }),
      runDueActions(db, { ...deps, limiter: createRouteLimiter() }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(platform.calls).toHaveLength(30);
    expect(new Set(platform.calls.map((c) => c.key)).size).toBe(30);
  });

  it(`never sends over ${ROUTE_LIMIT_PER_MINUTE} requests per route in any window, and sends them all`, async () => {
    const { platform, deps, request, ws } = await setup();
    const total = ROUTE_LIMIT_PER_MINUTE * 2 + 30;
    await approveActions(db, admin, ws, { batchId: (await request(total)).batchId! });
    await request(5, 'isolate_gpt'); // another route: not held back by the first
    const res = await runDueActions(db, { ...deps, budgetMs: 10 * 60_000 });
    expect(res).toEqual({ sent: total + 5, left: 0 });
    const times = platform.calls.filter((c) => c.kind === 'unpublish_agent').map((c) => c.at);
    const other = platform.calls.filter((c) => c.kind === 'isolate_gpt').map((c) => c.at);
    expect(Math.max(...other)).toBeLessThan(Math.min(...times) + ROUTE_WINDOW_MS);
    for (const t of times)
      expect(times.filter((s) => s >= t && s < t + ROUTE_WINDOW_MS).length).toBeLessThanOrEqual(ROUTE_LIMIT_PER_MINUTE);
    // The limit is the floor: the last batch leaves as soon as the window allows.
    expect(Math.max(...times) - Math.min(...times)).toBe(2 * ROUTE_WINDOW_MS);
  });
  it('a bulk batch waiting for its route never holds back a request on another route', async () => {
    const { platform, deps, request, ws, now } = await setup();
    const t0 = now();
    await approveActions(db, admin, ws, { batchId: (await request(ROUTE_LIMIT_PER_MINUTE + 100)).batchId! });
    await request(1, 'isolate_gpt');
    await runDueActions(db, { ...deps, limit: 50, budgetMs: 0 });
    const isolate = platform.calls.filter((c) => c.kind === 'isolate_gpt');
    expect(isolate.map((c) => c.at)).toEqual([t0]);
    expect(platform.calls.filter((c) => c.kind === 'unpublish_agent')).toHaveLength(ROUTE_LIMIT_PER_MINUTE);
  });

  it('a second process (its own limiter) sends nothing while the window is full: the database counts it', async () => {
    const { platform, deps, request, ws, advance } = await setup();
    const total = ROUTE_LIMIT_PER_MINUTE + 50;
    await approveActions(db, admin, ws, { batchId: (await request(total)).batchId! });
    const run = () => runDueActions(db, { ...deps, limiter: createRouteLimiter() }); // a fresh process each time
    expect((await run()).sent).toBe(ROUTE_LIMIT_PER_MINUTE);
    expect(await run()).toEqual({ sent: 0, left: 50 });
    advance(ROUTE_WINDOW_MS);
    expect((await run()).sent).toBe(50);
    expect(platform.calls).toHaveLength(total);
  });
});

describe('an act key that cannot be opened', () => {
  it('leaves the actions queued (TOLLGATE_SECRET_KEY changed) and does not stop the run', async () => {
    const { platform, deps, request, ws } = await setup();
    const { ids } = await request();
    await db.complianceSource.update({
      where: { workspaceId: ws },
      data: { actKeyCiphertext: seal('another-secret', ACT_KEY_PURPOSE, ACT_KEY) },
    });
    expect(await runDueActions(db, deps)).toEqual({ sent: 0, left: 1 });
    expect((await action(ids[0]!)).status).toBe('queued');
    expect(platform.calls).toHaveLength(0);
  });
});

describe('executeAction', () => {
  it('waits for the answer through a 429 and answers the final state', async () => {
    const { deps, request } = await setup([answer(429, 3_000), answer(503)]);
    const { ids } = await request();
    const state = await executeAction(db, ids[0]!, { ...deps, budgetMs: 15 * 60_000 });
    expect(state).toMatchObject({ id: ids[0], status: 'answered', outcome: 'done', answerStatus: 200 });
    expect((await action(ids[0]!)).attempts).toHaveLength(3);
  });

  it('fails an action whose workspace has lost its act key, without sending it', async () => {
    const { deps, request, ws, platform } = await setup();
    const { ids } = await request();
    await db.complianceSource.update({ where: { workspaceId: ws }, data: { actKeyCiphertext: null } });
    const state = await executeAction(db, ids[0]!, deps);
    expect(state).toMatchObject({ status: 'failed' });
    expect(state.note).toMatch(/no act key/);
    expect(platform.calls).toHaveLength(0);
  });
});
