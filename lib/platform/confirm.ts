// After each finished pull (and each GPT read), answered actions look for the proof that the platform carried them
// out (docs/decisions/0026 "Confirmation"): a log event the puller read from the platform (confirm-match.ts decides),
// or for GPTs the latest API read showing the change. Without it, each finished pull counts; after
// PULLS_BEFORE_NOT_SEEN the action is `not_seen` and one alert opens. A later event still confirms it (and resolves
// the alert).
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { queueDeliveries } from '@/lib/alerts/notify.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { syncSuspensionFromAction } from '@/lib/suspensions/platform-service.ts';
import { type ActionToConfirm, type CandidateEvent, confirmingEvent, eventRef } from './confirm-match.ts';
import {
  type ActionKind,
  CONFIRMING_EVENTS,
  isAgentKind,
  KIND_LABELS,
  NOT_SEEN_AFTER_MS,
  PULLS_BEFORE_NOT_SEEN,
} from './kinds.ts';

export const CONFIRM_ACTOR: Actor = { id: null, label: 'Tollgate (log confirmation)', role: null };
export const NOT_SEEN_RULE_ID = 'tollgate-platform-action-not-seen';
export const notSeenAlertKey = (actionId: string) => `platform-action:${actionId}`;

type Open = ActionToConfirm & {
  id: string;
  status: string;
  pullsWithout: number;
  answeredAt: Date | null;
  targetLabel: string;
  suspensionId: string | null;
};
type Proof = { ref: string; at: Date; via: 'log' | 'gpt-read' };

/** Events that might confirm: same target, a confirming type, not before the call. The match rule decides. */
async function candidates(db: Db, principal: string, a: Open): Promise<CandidateEvent[]> {
  const types = [...CONFIRMING_EVENTS[a.kind]];
  // GPT events carry the GPT in event_details.gpt_id (agentId stays null): read through the (principal, agentId, at)
  // index with agentId IS NULL, then by the id inside the record.
  const byGpt = !isAgentKind(a.kind);
  return db.$queryRaw<CandidateEvent[]>`
    SELECT e."principalId", e."eventId", e."eventType", e.at, e."agentId",
      e.record->'event_details'->>'gpt_id' AS "gptId", e.record->'event_details'->>'file_id' AS "fileId",
      e.record->>'client_id' AS "clientId", f.source
    FROM "LogEvent" e JOIN "LogFile" f ON f.id = e."fileId"
    WHERE e."principalId" = ${principal} AND e.at >= ${a.sentAt} AND e."eventType" = ANY(${types})
      AND (e."agentId" = ${a.targetId}
        OR (${byGpt}::boolean AND e."agentId" IS NULL AND e.record->'event_details'->>'gpt_id' = ${a.targetId}))
    ORDER BY e.at LIMIT 50`;
}

/** A GPT action shown by the latest API read that started after the call (a file import never confirms). */
async function gptReadProof(db: Db, workspaceId: string, a: Open): Promise<Proof | null> {
  if (isAgentKind(a.kind)) return null;
  const run = await db.gptReadRun.findFirst({
    where: { workspaceId, source: 'api', startedAt: { gte: a.sentAt }, finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { id: true, complete: true, finishedAt: true },
  });
  if (!run) return null;
  const gpt = await db.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId: a.targetId } },
    select: { inLatestExport: true, gptState: { select: { visibility: true, recipients: true, gpt: true } } },
  });
  const proof = { ref: `gpt-read:${run.id}`, at: run.finishedAt!, via: 'gpt-read' as const };
  const gone = run.complete && !gpt?.inLatestExport;
  if (gone) return proof; // deleted: no longer listed — which also isolates it and takes its files
  if (!gpt?.gptState || a.kind === 'delete_gpt') return null;
  const state = gpt.gptState;
  if (a.kind === 'isolate_gpt') {
    const nobody = Array.isArray(state.recipients) && state.recipients.length === 0;
    return state.visibility === 'private' && nobody ? proof : null;
  }
  const files = (state.gpt as { files?: { id?: unknown }[] }).files;
  return Array.isArray(files) && !files.some((f) => f?.id === a.fileId) ? proof : null;
}

async function confirm(db: Db, workspaceId: string, a: Open, proof: Proof, now: Date) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.platformAction.updateMany({
      where: { id: a.id, status: { in: ['answered', 'not_seen'] } },
      data: { status: 'confirmed', confirmedEventId: proof.ref, confirmedAt: now, version: { increment: 1 } },
    });
    if (count === 0) return;
    if (a.status === 'not_seen') await resolveAlert(tx, workspaceId, a.id, proof.ref, now);
    // A suspension's clock stops here: trigger → platform answered → confirmed in the logs.
    if (a.suspensionId) await syncSuspensionFromAction(tx, a.id);
    await recordAudit(tx, CONFIRM_ACTOR, {
      action: 'platform.action.confirmed',
      targetType: 'platform_action',
      targetId: a.id,
      workspaceId,
      at: now,
      diff: { kind: a.kind, targetId: a.targetId, evidence: proof.ref, via: proof.via, seenAt: proof.at.toISOString() },
    });
  });
}

async function resolveAlert(tx: Tx, workspaceId: string, actionId: string, ref: string, now: Date) {
  const alert = await tx.alert.findUnique({
    where: { workspaceId_key: { workspaceId, key: notSeenAlertKey(actionId) } },
    select: { id: true, status: true },
  });
  if (!alert || alert.status === 'resolved') return;
  await tx.alert.update({ where: { id: alert.id }, data: { status: 'resolved', updatedAt: now } });
  await tx.alertNote.create({
    data: {
      alertId: alert.id,
      author: CONFIRM_ACTOR.label,
      kind: 'status',
      text: `${alert.status} → resolved: ${ref}`,
    },
  });
}

/**
 * Enough pulls without the proof, and long enough since the answer: the follow-up pulls right after an action
 * (lib/platform/follow-up.ts) come a minute apart, and the platform's logs may lag by minutes.
 */
const notSeenYet = (a: Pick<Open, 'answeredAt' | 'sentAt'>, pulls: number, now: Date) =>
  pulls >= PULLS_BEFORE_NOT_SEEN && now.getTime() - (a.answeredAt ?? a.sentAt).getTime() >= NOT_SEEN_AFTER_MS;

/** One more finished pull without the proof; at the limit: not_seen, one alert (deduplicated by its key). */
async function countPull(db: Db, workspaceId: string, a: Open, now: Date) {
  await db.$transaction(async (tx) => {
    const pulls = a.pullsWithout + 1;
    const becomesNotSeen = a.status === 'answered' && notSeenYet(a, pulls, now);
    const { count } = await tx.platformAction.updateMany({
      where: { id: a.id, status: a.status },
      data: { pullsWithout: pulls, ...(becomesNotSeen ? { status: 'not_seen', version: { increment: 1 } } : {}) },
    });
    if (count === 0 || !becomesNotSeen) return;
    const key = notSeenAlertKey(a.id);
    await tx.alert.createMany({
      data: [
        {
          workspaceId,
          key,
          ruleId: NOT_SEEN_RULE_ID,
          severity: 'high',
          agentId: a.targetId,
          eventIds: [],
          at: now,
          title: `Not yet seen in the logs: ${KIND_LABELS[a.kind]} — ${a.targetLabel}`,
          message:
            `The platform accepted "${KIND_LABELS[a.kind]}" for ${a.targetLabel} (${a.targetId}), but ${pulls} ` +
            'pulls of the Compliance Logs since have not shown the change. Check it in the admin console; ' +
            'a later event still confirms it.',
        },
      ],
      skipDuplicates: true,
    });
    await queueDeliveries(tx, workspaceId, [{ key, severity: 'high' }], now);
    await recordAudit(tx, CONFIRM_ACTOR, {
      action: 'platform.action.not_seen',
      targetType: 'platform_action',
      targetId: a.id,
      workspaceId,
      at: now,
      diff: { kind: a.kind, targetId: a.targetId, pulls },
    });
  });
}

/**
 * Looks for the proof of every answered (or not yet seen) action of the workspace. `countPull`: this call follows
 * a pull that finished without error, so an action still without proof counts it (a GPT read does not count).
 */
export async function confirmActions(
  db: Db,
  workspaceId: string,
  now = new Date(),
  options: { countPull?: boolean } = {},
): Promise<{ confirmed: number; notSeen: number }> {
  const countPulls = options.countPull ?? true;
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } });
  const rows = await db.platformAction.findMany({
    // A target the platform no longer had (404, already gone) leaves no event to wait for.
    where: {
      workspaceId,
      status: { in: ['answered', 'not_seen'] },
      sentAt: { not: null },
      OR: [{ outcome: null }, { outcome: { not: 'already_gone' } }],
    },
    select: {
      id: true,
      kind: true,
      targetId: true,
      fileId: true,
      sentAt: true,
      status: true,
      pullsWithout: true,
      answeredAt: true,
      targetLabel: true,
      suspensionId: true,
    },
    orderBy: { sentAt: 'asc' },
  });
  let confirmed = 0;
  let notSeen = 0;
  for (const row of rows) {
    const a: Open = { ...row, kind: row.kind as ActionKind, sentAt: row.sentAt! };
    const event = workspace?.principal ? confirmingEvent(a, await candidates(db, workspace.principal, a)) : null;
    const proof: Proof | null = event
      ? { ref: eventRef(event), at: event.at, via: 'log' }
      : await gptReadProof(db, workspaceId, a);
    if (proof) {
      await confirm(db, workspaceId, a, proof, now);
      confirmed++;
    } else if (countPulls) {
      await countPull(db, workspaceId, a, now);
      if (a.status === 'answered' && notSeenYet(a, a.pullsWithout + 1, now)) notSeen++;
    }
  }
  return { confirmed, notSeen };
}
