// Reads for the suspension pages: one suspension with its evidence and notifications, the recent list,
// and an agent's current suspension for its page.
import type { Db } from '@/lib/db.ts';
import { alertDelivery } from '@/lib/webhooks/queries.ts';
import { evidenceIntact, type EvidenceData } from './evidence.ts';
import { alertKeyOf, type Recipient } from './alert-key.ts';

export type SuspensionState = 'scheduled' | 'awaiting_confirmation' | 'suspended' | 'restored';

export function suspensionState(s: {
  triggeredAt: Date | null;
  confirmedAt: Date | null;
  restoredAt: Date | null;
}): SuspensionState {
  if (!s.triggeredAt) return 'scheduled';
  if (s.restoredAt) return 'restored';
  return s.confirmedAt ? 'suspended' : 'awaiting_confirmation';
}

export const STATE_LABELS: Record<SuspensionState, string> = {
  scheduled: 'scheduled',
  // The confirmation is a person's (console steps) or the Compliance Logs' (through the Admin API, issue 18).
  awaiting_confirmation: 'awaiting confirmation',
  suspended: 'suspended, confirmed',
  restored: 'restored',
};

export async function getSuspension(db: Db, workspaceId: string, id: string) {
  const s = await db.suspension.findFirst({ where: { id, workspaceId } });
  if (!s) return null;
  const [evidence, agent, alert, audit] = await Promise.all([
    db.suspensionEvidence.findUnique({ where: { suspensionId: id } }),
    db.agent.findUnique({
      where: { id: s.agentId },
      select: { id: true, externalId: true, name: true, status: true, ownerEmail: true },
    }),
    db.alert.findUnique({
      where: { workspaceId_key: { workspaceId, key: alertKeyOf(id) } },
      select: { id: true, title: true, status: true },
    }),
    db.auditEvent.findFirst({
      where: { workspaceId, action: 'agent.suspend', targetType: 'suspension', targetId: id },
      orderBy: { seq: 'desc' },
      select: { diff: true },
    }),
  ]);
  // Issue 18: the unpublish (or isolate) sent through the Admin API for this suspension, when there was one.
  const platform = s.platformActionId
    ? await db.platformAction.findUnique({
        where: { id: s.platformActionId },
        select: {
          id: true,
          kind: true,
          status: true,
          answerStatus: true,
          answeredAt: true,
          outcome: true,
          note: true,
          confirmedEventId: true,
          confirmedAt: true,
          nextAttemptAt: true,
          _count: { select: { attempts: true } },
        },
      })
    : null;
  const delivery = alert ? await alertDelivery(db, alert.id) : null;
  // Who was notified, as recorded with the suspension (the runbook's contacts may have changed since).
  const notified = (audit?.diff as { notify?: Recipient[] } | undefined)?.notify ?? null;
  return {
    ...s,
    platform,
    evidence: evidence
      ? {
          data: evidence.data as unknown as EvidenceData,
          sha256: evidence.sha256,
          capturedAt: evidence.capturedAt,
          intact: evidenceIntact(evidence.data, evidence.sha256),
        }
      : null,
    agent,
    alert,
    delivery,
    notified,
  };
}

export type SuspensionDetail = NonNullable<Awaited<ReturnType<typeof getSuspension>>>;

/** The most recent suspensions and drills (scheduled ones first), with their agents' names. */
export async function listSuspensions(db: Db, workspaceId: string, take = 50) {
  const [scheduled, ran] = await Promise.all([
    db.suspension.findMany({ where: { workspaceId, triggeredAt: null }, orderBy: { scheduledFor: 'asc' } }),
    db.suspension.findMany({
      where: { workspaceId, triggeredAt: { not: null } },
      orderBy: { triggeredAt: 'desc' },
      take,
    }),
  ]);
  const rows = [...scheduled, ...ran];
  const agents = await db.agent.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.agentId))] } },
    select: { id: true, name: true, externalId: true },
  });
  const byId = new Map(agents.map((a) => [a.id, a]));
  return rows.map((r) => ({ ...r, agentName: byId.get(r.agentId)?.name ?? r.externalId }));
}

/** For the agent page: the agent (null when not in this workspace), its open suspension (triggered, not
 *  restored), a scheduled drill of it, and the last past ones. */
export async function agentSuspensions(db: Db, workspaceId: string, agentId: string) {
  const agent = await db.agent.findFirst({
    where: { id: agentId, workspaceId },
    select: { id: true, name: true, status: true },
  });
  if (!agent) return null;
  const [open, scheduled, past] = await Promise.all([
    db.suspension.findFirst({
      where: { workspaceId, agentId, triggeredAt: { not: null }, restoredAt: null },
      orderBy: { triggeredAt: 'desc' },
    }),
    db.suspension.findFirst({ where: { workspaceId, agentId, triggeredAt: null }, orderBy: { scheduledFor: 'asc' } }),
    db.suspension.findMany({
      where: { workspaceId, agentId, restoredAt: { not: null } },
      orderBy: { triggeredAt: 'desc' },
      take: 5,
      select: { id: true, kind: true, triggeredAt: true, restoredAt: true },
    }),
  ]);
  return { agent, open, scheduled, past };
}

/** The drills for the drill status: every scheduled one and the most recent runs. */
export async function recentDrills(db: Db, workspaceId: string) {
  const [scheduled, ran] = await Promise.all([
    db.suspension.findMany({ where: { workspaceId, kind: 'drill', triggeredAt: null } }),
    db.suspension.findMany({
      where: { workspaceId, kind: 'drill', triggeredAt: { not: null } },
      orderBy: { triggeredAt: 'desc' },
      take: 5,
    }),
  ]);
  const agents = await db.agent.findMany({
    where: { id: { in: [...new Set([...scheduled, ...ran].map((r) => r.agentId))] } },
    select: { id: true, name: true },
  });
  const byId = new Map(agents.map((a) => [a.id, a.name]));
  return [...scheduled, ...ran].map((r) => ({ ...r, agentName: byId.get(r.agentId) ?? r.externalId }));
}
