// Sends queued platform actions (docs/decisions/0026 "The states of an action"). Each attempt is written and
// committed before its request leaves (status `sending`, an attempt row, a lease in nextAttemptAt), then the answer
// is stored in a second transaction. A crash in between leaves the action `sending`: once the lease is over it is
// sent again with THE SAME idempotency key, so the platform acts once. Rows are claimed with FOR UPDATE SKIP LOCKED
// and the lease, so two instances never send one action at the same time; the route limiter keeps each route of a
// workspace under the platform's limit.
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { platformActionEvent } from '@/lib/webhooks/events.ts';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { logger } from '@/lib/log.ts';
import { sendAction, type SendResult } from './act-client.ts';
import { judgeAnswer, MAX_ATTEMPTS } from './answer.ts';
import { type ActionKind, ROUTE_LIMIT_PER_MINUTE } from './kinds.ts';
import { ROUTE_LIMITER, ROUTE_WINDOW_MS, type RouteLimiter, routeKey } from './limiter.ts';
import { type ActSettings, loadActSettings } from './settings.ts';

export const EXECUTOR_ACTOR: Actor = { id: null, label: 'Tollgate (platform actions)', role: null };
/** How long a claimed attempt owns its action: longer than a request may take (act-client's 30 s timeout). */
export const LEASE_MS = 2 * 60_000;
/** How long one run of the job may spend waiting for the limiter before it leaves the rest to the next run. */
export const RUN_BUDGET_MS = 50_000;

export type SendFn = (
  settings: ActSettings,
  kind: ActionKind,
  target: { targetId: string; fileId?: string | null },
  idempotencyKey: string,
) => Promise<SendResult>;

export type ExecutorDeps = {
  secretKey: string;
  now?: () => Date;
  send?: SendFn;
  sleep?: (ms: number) => Promise<void>;
  limiter?: RouteLimiter;
  random?: () => number;
  /** runDueActions: actions looked at per route and round. */
  limit?: number;
  /** runDueActions: only this workspace's actions (a send right after a request; tests). */
  workspaceId?: string;
  /** runDueActions: longest total wait for the limiter; executeAction: longest wait for the answer. */
  budgetMs?: number;
};

type Ready = Required<Omit<ExecutorDeps, 'limit' | 'budgetMs' | 'workspaceId'>>;
const ready = (deps: ExecutorDeps): Ready => ({
  secretKey: deps.secretKey,
  now: deps.now ?? (() => new Date()),
  send: deps.send ?? ((s, k, t, key) => sendAction(s, k, t, key)),
  sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  limiter: deps.limiter ?? ROUTE_LIMITER,
  random: deps.random ?? Math.random,
});

type Due = { id: string; workspaceId: string; kind: ActionKind };
type Claimed = Due & { targetId: string; fileId: string | null; idempotencyKey: string; number: number };
export type AttemptOutcome = { sent: boolean; waitMs: number };

/**
 * The route's window across processes (the web app's suspensions and the job each have their own in-process
 * limiter): under a per-route advisory lock, the attempts started in the last window. Answers how long to wait
 * (0: the attempt may start). The lock is held until the claim commits, so two claimers never both take the last slot.
 */
async function routeWait(tx: Tx, row: Due, now: Date): Promise<number> {
  const lock = `platform-route:${row.workspaceId}:${row.kind}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lock}))`;
  const [w] = await tx.$queryRaw<{ n: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS n, min(a."startedAt") AS oldest
    FROM "PlatformActionAttempt" a JOIN "PlatformAction" p ON p.id = a."actionId"
    WHERE a."startedAt" > ${new Date(now.getTime() - ROUTE_WINDOW_MS)}
      AND p."workspaceId" = ${row.workspaceId} AND p.kind = ${row.kind}`;
  if (!w || w.n < ROUTE_LIMIT_PER_MINUTE || !w.oldest) return 0;
  return Math.max(1, w.oldest.getTime() + ROUTE_WINDOW_MS - now.getTime());
}

/**
 * Claims the action for one attempt and commits that before anything is sent: `busy` when another worker holds
 * it, it is not due, or it is no longer sendable; a wait when the route's window is full. An earlier attempt left
 * open (a crash) is closed as "no answer stored".
 */
async function claim(db: Db, id: string, now: Date): Promise<Claimed | 'busy' | { waitMs: number }> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<(Claimed & { sentAt: Date | null })[]>`
      SELECT id, "workspaceId", kind, "targetId", "fileId", "idempotencyKey", "sentAt", 0 AS number
      FROM "PlatformAction" WHERE id = ${id} AND status IN ('queued', 'sending')
        AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
      FOR UPDATE SKIP LOCKED`;
    if (!row) return 'busy';
    const waitMs = await routeWait(tx, row, now);
    if (waitMs > 0) return { waitMs };
    const last = await tx.platformActionAttempt.findFirst({ where: { actionId: id }, orderBy: { number: 'desc' } });
    if (last && last.finishedAt === null)
      await tx.platformActionAttempt.update({
        where: { id: last.id },
        data: { finishedAt: now, error: 'no answer stored: Tollgate stopped after the request may have left' },
      });
    const number = (last?.number ?? 0) + 1;
    if (number > MAX_ATTEMPTS) {
      await finish(tx, row, {
        status: 'failed',
        data: { outcome: 'failed', note: `Gave up after ${MAX_ATTEMPTS} attempts without a stored answer.` },
        now,
        attempt: last?.number ?? 0,
        answerStatus: null,
      });
      return 'busy';
    }
    await tx.platformActionAttempt.create({ data: { actionId: id, number, startedAt: now } });
    await tx.platformAction.update({
      where: { id },
      data: {
        status: 'sending',
        sentAt: row.sentAt ?? now,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
        version: { increment: 1 },
      },
    });
    return { ...row, number };
  });
}

type Final = {
  status: 'answered' | 'failed';
  data: { outcome: string; note: string | null };
  now: Date;
  attempt: number;
  answerStatus: number | null;
};

/** The final answer (or giving up): the action leaves the executor, with its audit event. */
async function finish(tx: Tx, row: Due, change: Final): Promise<void> {
  const { status, now } = change;
  const action = await tx.platformAction.update({
    where: { id: row.id },
    data: {
      status,
      ...change.data,
      answerStatus: change.answerStatus,
      nextAttemptAt: null,
      ...(status === 'answered' ? { answeredAt: now } : {}),
      version: { increment: 1 },
    },
    select: { suspensionId: true, targetId: true, kind: true },
  });
  if (status === 'answered' && action.suspensionId)
    await tx.suspension.updateMany({
      where: { id: action.suspensionId, platformAnsweredAt: null },
      data: { platformAnsweredAt: now },
    });
  const done = { id: row.id, kind: action.kind, targetId: action.targetId, status, ...change.data };
  await enqueueWebhookEvent(tx, row.workspaceId, platformActionEvent(done), now);
  await recordAudit(tx, EXECUTOR_ACTOR, {
    action: status === 'answered' ? 'platform.action.answered' : 'platform.action.failed',
    targetType: 'platform_action',
    targetId: row.id,
    workspaceId: row.workspaceId,
    at: now,
    diff: {
      kind: action.kind,
      targetId: action.targetId,
      attempt: change.attempt,
      status: change.answerStatus,
      outcome: change.data.outcome,
      note: change.data.note,
    },
  });
}

/** Stores the answer of attempt `claimed.number` (unless a later attempt took over after the lease ran out). */
async function store(db: Db, claimed: Claimed, answer: SendResult, at: Date, random: () => number) {
  const verdict = judgeAnswer(claimed.kind, answer, claimed.number, random);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "PlatformAction" WHERE id = ${claimed.id} FOR UPDATE`;
    await tx.platformActionAttempt.update({
      where: { actionId_number: { actionId: claimed.id, number: claimed.number } },
      data: {
        finishedAt: at,
        status: answer.status,
        error: answer.error?.slice(0, 1000) ?? null,
        retryAfterMs: answer.retryAfterMs === null ? null : Math.min(2 ** 31 - 1, Math.round(answer.retryAfterMs)),
      },
    });
    const current = await tx.platformAction.findUniqueOrThrow({ where: { id: claimed.id }, select: { status: true } });
    const latest = await tx.platformActionAttempt.findFirst({
      where: { actionId: claimed.id },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    if (current.status !== 'sending' || latest?.number !== claimed.number) return;
    if (verdict.status === 'queued') {
      await tx.platformAction.update({
        where: { id: claimed.id },
        data: {
          status: 'queued',
          nextAttemptAt: new Date(at.getTime() + verdict.retryInMs),
          answerStatus: answer.status,
          note: verdict.note,
          version: { increment: 1 },
        },
      });
      await recordAudit(tx, EXECUTOR_ACTOR, {
        action: 'platform.action.retry',
        targetType: 'platform_action',
        targetId: claimed.id,
        workspaceId: claimed.workspaceId,
        at,
        diff: { kind: claimed.kind, attempt: claimed.number, status: answer.status, retryInMs: verdict.retryInMs },
      });
      return;
    }
    await finish(tx, claimed, {
      status: verdict.status,
      data: { outcome: verdict.outcome, note: verdict.note },
      now: at,
      attempt: claimed.number,
      answerStatus: answer.status,
    });
  });
}

/** Fails an action that cannot be sent because the workspace has no act key (any more). */
async function failWithoutKey(db: Db, row: Due, now: Date) {
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PlatformAction" WHERE id = ${row.id}
      AND status IN ('queued', 'sending') FOR UPDATE SKIP LOCKED`;
    if (!locked) return;
    await finish(tx, row, {
      status: 'failed',
      data: {
        outcome: 'failed',
        note: 'Not sent: the workspace has no act key any more (Alerts → Sources). Use the admin console steps.',
      },
      now,
      attempt: 0,
      answerStatus: null,
    });
  });
}

/**
 * One attempt of one action, if the route's limit allows it now: sent (the answer is stored), or not sent with
 * how long the route's window still needs (0: another worker has it, or it is not due). A `send` that throws is
 * let through with the action left `sending` under its lease, exactly as if Tollgate had stopped: the next
 * attempt reuses the key.
 */
async function attempt(db: Db, row: Due, settings: ActSettings, d: Ready): Promise<AttemptOutcome> {
  const waitMs = d.limiter.take(routeKey(row.workspaceId, row.kind), d.now().getTime());
  if (waitMs > 0) return { sent: false, waitMs };
  const claimed = await claim(db, row.id, d.now());
  if (claimed === 'busy') return { sent: false, waitMs: 0 };
  if ('waitMs' in claimed) return { sent: false, waitMs: claimed.waitMs };
  const target = { targetId: claimed.targetId, fileId: claimed.fileId };
  const answer = await d.send(settings, claimed.kind, target, claimed.idempotencyKey);
  await store(db, claimed, answer, d.now(), d.random);
  return { sent: true, waitMs: 0 };
}

/**
 * Sends every due action (queued or left sending, whose nextAttemptAt has come), route limits honoured, oldest
 * first. Waits for the limiter while the budget lasts, then leaves the rest to the next run. A failure of one
 * action is logged and leaves it to its lease; the others go on.
 */
export async function runDueActions(db: Db, deps: ExecutorDeps): Promise<{ sent: number; left: number }> {
  const d = ready(deps);
  const deadline = d.now().getTime() + (deps.budgetMs ?? RUN_BUDGET_MS);
  const settings = new Map<string, ActSettings | null>();
  const unreadable = new Set<string>();
  let sent = 0;
  for (;;) {
    const ws = deps.workspaceId ?? null;
    // The oldest due actions of EACH route, so a bulk batch waiting for its route's window never holds back an
    // isolate or a delete on another route.
    const due = await db.$queryRaw<Due[]>`
      SELECT id, "workspaceId", kind FROM (
        SELECT id, "workspaceId", kind, "requestedAt",
          row_number() OVER (PARTITION BY "workspaceId", kind ORDER BY "requestedAt", id) AS rn
        FROM "PlatformAction"
        WHERE status IN ('queued', 'sending') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${d.now()})
          AND (${ws}::text IS NULL OR "workspaceId" = ${ws})
      ) d WHERE rn <= ${deps.limit ?? ROUTE_LIMIT_PER_MINUTE}
      ORDER BY "requestedAt", id`;
    if (due.length === 0) {
      // Nothing due now: wait for the next back-off (or lease) to end if the budget allows, else leave it.
      const [next] = await db.$queryRaw<{ at: Date | null; n: number }[]>`
        SELECT min("nextAttemptAt") AS at, count(*)::int AS n FROM "PlatformAction"
        WHERE status IN ('queued', 'sending')
          AND (${ws}::text IS NULL OR "workspaceId" = ${ws})`;
      const wait = next?.at ? next.at.getTime() - d.now().getTime() : null;
      if (wait === null || d.now().getTime() + wait > deadline) return { sent, left: next?.n ?? 0 };
      await d.sleep(Math.max(wait, 0));
      continue;
    }
    let progressed = false;
    const limited = new Map<string, number>();
    for (const row of due) {
      const route = routeKey(row.workspaceId, row.kind);
      if (limited.has(route)) continue;
      if (unreadable.has(row.workspaceId)) continue;
      if (!settings.has(row.workspaceId)) {
        try {
          settings.set(row.workspaceId, await loadActSettings(db, row.workspaceId, d.secretKey));
        } catch (error) {
          // The stored act key cannot be opened (TOLLGATE_SECRET_KEY changed): leave the actions queued, say why.
          logger.error({ err: error, workspaceId: row.workspaceId }, 'platform actions: the act key cannot be read');
          unreadable.add(row.workspaceId);
          continue;
        }
      }
      const s = settings.get(row.workspaceId);
      if (!s) {
        await failWithoutKey(db, row, d.now());
        progressed = true;
        continue;
      }
      try {
        const outcome = await attempt(db, row, s, d);
        if (outcome.waitMs > 0) limited.set(route, outcome.waitMs);
        if (outcome.sent) {
          sent++;
          progressed = true;
        }
      } catch (error) {
        logger.error({ err: error, actionId: row.id }, 'platform action attempt failed');
      }
    }
    if (progressed) continue;
    if (due.every((row) => unreadable.has(row.workspaceId))) return { sent, left: due.length };
    // Everything due waits for its route's window (or another worker holds it): wait, if the budget allows.
    const wait = limited.size > 0 ? Math.min(...limited.values()) : 1_000;
    if (d.now().getTime() + wait > deadline) return { sent, left: due.length };
    await d.sleep(wait);
  }
}

export type ActionState = {
  id: string;
  status: string;
  outcome: string | null;
  note: string | null;
  answerStatus: number | null;
  answeredAt: Date | null;
};

/**
 * Sends one action and waits for the platform's answer, retries and back-off included, for at most the budget
 * (15 minutes by default): a suspension and `tollgate suspend` wait here. Answers the action as it then is.
 */
export async function executeAction(db: Db, actionId: string, deps: ExecutorDeps): Promise<ActionState> {
  const d = ready(deps);
  const deadline = d.now().getTime() + (deps.budgetMs ?? 15 * 60_000);
  for (;;) {
    const action = await db.platformAction.findUniqueOrThrow({
      where: { id: actionId },
      select: {
        id: true,
        workspaceId: true,
        kind: true,
        status: true,
        outcome: true,
        note: true,
        answerStatus: true,
        answeredAt: true,
        nextAttemptAt: true,
      },
    });
    const { workspaceId, nextAttemptAt, ...state } = action;
    if (action.status !== 'queued' && action.status !== 'sending') return state;
    const row: Due = { id: action.id, workspaceId, kind: action.kind as ActionKind };
    const settings = await loadActSettings(db, workspaceId, d.secretKey);
    if (!settings) {
      await failWithoutKey(db, row, d.now());
      continue;
    }
    let wait = nextAttemptAt ? nextAttemptAt.getTime() - d.now().getTime() : 0;
    if (wait <= 0) {
      const outcome = await attempt(db, row, settings, d);
      if (outcome.sent) continue;
      wait = outcome.waitMs || 1_000;
    }
    if (d.now().getTime() + wait > deadline) return state;
    await d.sleep(wait);
  }
}

/**
 * A send right after a request or an approval ("now" on the page): the workspace's due actions, in the background,
 * without waiting for the limiter; whatever is left goes with the job's next run (every minute). Never throws.
 */
export function sendSoon(db: Db, workspaceId: string, secretKey: string | undefined): Promise<void> {
  if (!secretKey) return Promise.resolve();
  return runDueActions(db, { secretKey, workspaceId, budgetMs: 0 }).then(
    () => {},
    (error: unknown) => logger.error({ err: error, workspaceId }, 'platform actions: the send after a request failed'),
  );
}
