// Agent suspension (guide 6.5). Tollgate cannot suspend an agent in ChatGPT: it records the decision,
// captures the evidence before anything changes, notifies (an alert in the inbox and the outgoing webhook),
// shows the admin-console steps and records their confirmation, then the restore. Each step is one
// transaction with its audit event; a refused step leaves nothing behind.
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { queueDeliveries } from '@/lib/alerts/notify.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { alertKeyOf, type Recipient } from './alert-key.ts';
import { buildEvidence, EVIDENCE_RUNS, evidenceSha256, statusBefore, type AgentRecord } from './evidence.ts';

export const SUSPENSION_RULE_ID = 'tollgate-suspension';
export const SUSPENSION_KINDS = ['incident', 'drill'] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];

const MAX_REASON = 2000;

// Re-exported: runbook.ts reads Recipient from here.
export { alertKeyOf, type Recipient } from './alert-key.ts';

const AGENT_RECORD = {
  id: true,
  externalId: true,
  kind: true,
  name: true,
  ownerEmail: true,
  status: true,
  apps: true,
  connectors: true,
  configHash: true,
  versionId: true,
  publishedConfigHash: true,
  inLatestExport: true,
  effectiveState: true,
  trifecta: true,
  firstSeenAt: true,
  updatedAt: true,
  lastEventAt: true,
} satisfies Prisma.AgentSelect;

/** A required free-text reason, trimmed; `what` names the step for the error. */
export function requireReason(value: unknown, what: string): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (!reason) throw new AppError('unprocessable', `Say why the agent is ${what} (a reason is required).`);
  if (reason.length > MAX_REASON)
    throw new AppError('unprocessable', `The reason is too long (at most ${MAX_REASON} characters).`);
  return reason;
}

function parseKind(value: unknown): SuspensionKind {
  if (value === undefined) return 'incident';
  if (!(SUSPENSION_KINDS as readonly unknown[]).includes(value))
    throw new AppError('unprocessable', `The kind must be one of ${SUSPENSION_KINDS.join(', ')}.`);
  return value as SuspensionKind;
}

/** The runbook's notification list: the owner plus the contacts set in the runbook settings. */
export function recipients(
  owner: string,
  settings: { agentsAdminChannel: string | null; grcOnCall: string | null; incidentCommander: string | null } | null,
): Recipient[] {
  return [
    { role: 'owner', label: 'agent owner', to: owner },
    { role: 'agents_admin', label: 'agents-admin channel', to: settings?.agentsAdminChannel ?? null },
    { role: 'grc_on_call', label: 'GRC on-call', to: settings?.grcOnCall ?? null },
    { role: 'incident_commander', label: 'incident commander', to: settings?.incidentCommander ?? null },
  ];
}

export type SuspendInput = { workspaceId: string; agentId: string; reason: unknown; kind?: unknown };

/** Suspends an agent (Agent.id): evidence first, then the status, then the notifications. */
export async function suspendAgent(
  db: Db,
  actor: Actor,
  input: SuspendInput,
  now = new Date(),
): Promise<{ id: string; sha256: string; webhookQueued: boolean }> {
  const reason = requireReason(input.reason, 'suspended');
  const kind = parseKind(input.kind);
  return db.$transaction((tx) =>
    suspendInTx(tx, actor, { workspaceId: input.workspaceId, agentId: input.agentId, reason, kind }, now),
  );
}

/**
 * The suspension itself, inside the caller's transaction; with `scheduledId`, starts that scheduled drill
 * instead of creating a suspension. Step times are `now` plus the real time each step took.
 */
export async function suspendInTx(
  tx: Tx,
  actor: Actor,
  input: { workspaceId: string; agentId: string; reason: string; kind: SuspensionKind; scheduledId?: string },
  now: Date,
) {
  const started = performance.now();
  const at = () => new Date(now.getTime() + Math.round(performance.now() - started));
  const { workspaceId, agentId, reason, kind } = input;

  // Locks the agent: two people suspending it at once queue here, and the second is refused.
  await tx.$queryRaw`SELECT id FROM "Agent" WHERE id = ${agentId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  const agent = await tx.agent.findFirst({ where: { id: agentId, workspaceId }, select: AGENT_RECORD });
  if (!agent) throw new AppError('not_found', 'No such agent in this workspace.');
  await assertSuspendable(tx, agent);

  const triggeredAt = now;
  const trigger = { triggeredAt, triggeredBy: actor.label, triggeredById: actor.id, reason };
  const suspension = input.scheduledId
    ? await tx.suspension.update({ where: { id: input.scheduledId }, data: trigger, select: { id: true } })
    : await tx.suspension.create({
        data: { workspaceId, agentId, externalId: agent.externalId, kind, ...trigger },
        select: { id: true },
      });

  // Evidence before the state changes.
  const runs = await tx.agentRun.findMany({
    where: { workspaceId, agentId: agent.externalId },
    orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }, { runId: 'asc' }],
    take: EVIDENCE_RUNS,
    select: { runId: true, status: true, startedAt: true, endedAt: true, invoker: true, failure: true },
  });
  const data = buildEvidence(agent satisfies AgentRecord, runs);
  const sha256 = evidenceSha256(data);
  const evidenceAt = at();
  await tx.suspensionEvidence.create({
    data: {
      suspensionId: suspension.id,
      data: data as unknown as Prisma.InputJsonObject,
      sha256,
      capturedAt: evidenceAt,
    },
  });
  await tx.suspension.update({ where: { id: suspension.id }, data: { evidenceAt } });

  await tx.agent.update({ where: { id: agent.id }, data: { status: 'suspended', updatedAt: evidenceAt } });
  await tx.agentHistory.create({
    data: {
      agentId: agent.id,
      at: evidenceAt,
      kind: 'status_changed',
      detail: { from: agent.status, to: 'suspended', source: 'tollgate', by: actor.label, suspensionId: suspension.id },
    },
  });

  // Notify: an alert in the inbox, and the webhook as for any new alert.
  const settings = await tx.runbookSettings.findUnique({ where: { workspaceId } });
  const notify = recipients(agent.ownerEmail, settings);
  const key = alertKeyOf(suspension.id);
  await tx.alert.create({
    data: {
      workspaceId,
      key,
      ruleId: SUSPENSION_RULE_ID,
      severity: 'high',
      agentId: agent.externalId,
      eventIds: [],
      at: triggeredAt,
      title: kind === 'drill' ? `Suspension drill: ${agent.name}` : `Agent suspended: ${agent.name}`,
      message: alertMessage({ name: agent.name, externalId: agent.externalId, kind, by: actor.label, reason, notify }),
    },
  });
  const webhookQueued = (await queueDeliveries(tx, workspaceId, [{ key, severity: 'high' }], at())) > 0;
  await tx.suspension.update({ where: { id: suspension.id }, data: { notifiedAt: at() } });

  await recordAudit(tx, actor, {
    action: 'agent.suspend',
    targetType: 'suspension',
    targetId: suspension.id,
    workspaceId,
    at: triggeredAt,
    diff: {
      agentId: agent.externalId,
      name: agent.name,
      kind,
      reason,
      statusBefore: agent.status,
      evidenceSha256: sha256,
      runsCaptured: data.lastRuns?.length ?? 0,
      notify,
      webhookQueued,
      scheduled: Boolean(input.scheduledId),
    },
  });
  return { id: suspension.id, sha256, webhookQueued };
}

async function assertSuspendable(tx: Tx, agent: { id: string; name: string; status: string }) {
  const open = await tx.suspension.findFirst({
    where: { agentId: agent.id, triggeredAt: { not: null }, restoredAt: null },
    orderBy: { triggeredAt: 'desc' },
  });
  if (open)
    throw new AppError(
      'conflict',
      `${agent.name} is already suspended: ${open.triggeredBy} suspended it at ` +
        `${formatUtc(open.triggeredAt)} (${open.kind}). Restore it before suspending it again.`,
    );
  if (agent.status === 'deleted')
    throw new AppError('conflict', `${agent.name} is deleted: there is nothing to suspend.`);
  if (agent.status === 'suspended') {
    // Suspended outside Tollgate: say who and when, as far as the history knows.
    const history = await tx.agentHistory.findMany({
      where: { agentId: agent.id, kind: { in: ['agent_suspended', 'status_changed'] } },
      orderBy: { at: 'desc' },
      take: 20,
      select: { at: true, kind: true, detail: true, importId: true },
    });
    const entry = history.find((h) => h.kind === 'agent_suspended' || (h.detail as { to?: string }).to === 'suspended');
    const by = entry
      ? ((entry.detail as { by?: string }).by ?? (entry.importId ? 'an inventory import' : 'unknown'))
      : null;
    throw new AppError(
      'conflict',
      `${agent.name} is already suspended in ` +
        `ChatGPT${entry ? ` (recorded ${formatUtc(entry.at)}, by ${by})` : ''}: ` +
        `there is nothing to suspend.`,
    );
  }
}

export function alertMessage(p: {
  name: string;
  externalId: string;
  kind: SuspensionKind;
  by: string;
  reason: string;
  notify: Recipient[];
}): string {
  const set = p.notify.filter((r) => r.to).map((r) => `${r.label} ${r.to}`);
  const unset = p.notify.filter((r) => !r.to).map((r) => r.label);
  return [
    `${p.kind === 'drill' ? 'Drill: ' : ''}${p.name} (${p.externalId}) was ` +
      `suspended in Tollgate by ${p.by}. Reason: ${p.reason}.`,
    `Suspend it now in the Global Admin Console → Agents, then confirm it in Tollgate.`,
    `Notify: ${set.join(', ')}.`,
    unset.length ? `Not set in the runbook: ${unset.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function lockSuspension(tx: Tx, workspaceId: string, suspensionId: string) {
  await tx.$queryRaw`SELECT id FROM "Suspension" WHERE id = ${suspensionId}
                     AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  const s = await tx.suspension.findFirst({ where: { id: suspensionId, workspaceId } });
  if (!s) throw new AppError('not_found', 'No such suspension in this workspace.');
  return s;
}

/** Records that the agent was suspended in the admin console (once). */
export async function confirmSuspended(
  db: Db,
  actor: Actor,
  input: { workspaceId: string; suspensionId: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const s = await lockSuspension(tx, input.workspaceId, input.suspensionId);
    if (!s.triggeredAt) throw new AppError('conflict', 'This drill has not started yet: start it first.');
    if (s.confirmedAt)
      throw new AppError('conflict', `Already confirmed by ${s.confirmedBy} at ${formatUtc(s.confirmedAt)}.`);
    if (s.restoredAt)
      throw new AppError(
        'conflict',
        `The agent was restored at ${formatUtc(s.restoredAt)}: there is nothing left to confirm.`,
      );
    await tx.suspension.update({ where: { id: s.id }, data: { confirmedAt: now, confirmedBy: actor.label } });
    await recordAudit(tx, actor, {
      action: 'agent.suspend.confirm',
      targetType: 'suspension',
      targetId: s.id,
      workspaceId: input.workspaceId,
      at: now,
      diff: {
        agentId: s.externalId,
        kind: s.kind,
        confirmedAt: now.toISOString(),
        secondsFromTrigger: Math.round((now.getTime() - s.triggeredAt.getTime()) / 1000),
      },
    });
  });
}

export type RestoreInput = {
  workspaceId: string;
  suspensionId: string;
  reason: unknown;
  restoreWorked?: boolean | null;
};

/**
 * Restores the status the agent had before (from the evidence snapshot) and records who, when and why.
 * Drills also record whether the restore worked. A status changed since by an export or the logs is left as it is.
 */
export async function restoreAgent(
  db: Db,
  actor: Actor,
  input: RestoreInput,
  now = new Date(),
): Promise<{ status: string; restored: boolean }> {
  const reason = requireReason(input.reason, 'restored');
  return db.$transaction(async (tx) => {
    const s = await lockSuspension(tx, input.workspaceId, input.suspensionId);
    if (!s.triggeredAt) throw new AppError('conflict', 'This drill has not started yet: there is nothing to restore.');
    if (s.restoredAt)
      throw new AppError('conflict', `Already restored by ${s.restoredBy} at ${formatUtc(s.restoredAt)}.`);
    const worked = s.kind === 'drill' ? input.restoreWorked : null;
    if (s.kind === 'drill' && typeof worked !== 'boolean')
      throw new AppError('unprocessable', 'Say whether the restore worked (the agent ran again as before).');
    const evidence = await tx.suspensionEvidence.findUnique({ where: { suspensionId: s.id } });
    if (!evidence)
      throw new AppError('conflict', 'This suspension has no evidence, so the status before it is unknown.');
    const previous = statusBefore(evidence.data);

    await tx.$queryRaw`SELECT id FROM "Agent" WHERE id = ${s.agentId} FOR UPDATE`;
    const agent = await tx.agent.findUnique({ where: { id: s.agentId }, select: { id: true, status: true } });
    const restored = agent?.status === 'suspended';
    if (agent && restored) {
      await tx.agent.update({ where: { id: agent.id }, data: { status: previous, updatedAt: now } });
      await tx.agentHistory.create({
        data: {
          agentId: agent.id,
          at: now,
          kind: 'status_changed',
          detail: { from: 'suspended', to: previous, source: 'tollgate', by: actor.label, suspensionId: s.id },
        },
      });
    }
    await tx.suspension.update({
      where: { id: s.id },
      data: { restoredAt: now, restoredBy: actor.label, restoreReason: reason, restoreWorked: worked ?? null },
    });
    await recordAudit(tx, actor, {
      action: 'agent.restore',
      targetType: 'suspension',
      targetId: s.id,
      workspaceId: input.workspaceId,
      at: now,
      diff: {
        agentId: s.externalId,
        kind: s.kind,
        reason,
        statusRestored: restored ? previous : null,
        statusNow: restored ? previous : (agent?.status ?? null),
        restoreWorked: worked ?? null,
      },
    });
    return { status: restored ? previous : (agent?.status ?? 'unknown'), restored };
  });
}
