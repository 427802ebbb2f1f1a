// Reading alerts: the inbox (filtered, newest first, most severe first), one alert with its events, counts.
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { SEVERITIES, type AlertFilter } from './filter.ts';

export const ALERT_PAGE_SIZE = 50;

export function alertWhere(workspaceId: string, f: AlertFilter): Prisma.AlertWhereInput {
  return {
    workspaceId,
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.status === 'active'
      ? { status: { in: ['open', 'acknowledged'] } }
      : f.status === 'all'
        ? {}
        : { status: f.status }),
    ...(f.rule ? { ruleId: f.rule } : {}),
    ...(f.agent ? { agentId: f.agent } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
  };
}

export async function listAlerts(db: Db, workspaceId: string, f: AlertFilter) {
  const where = alertWhere(workspaceId, f);
  const [rows, total] = await Promise.all([
    db.alert.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'asc' }],
      skip: (f.page - 1) * ALERT_PAGE_SIZE,
      take: ALERT_PAGE_SIZE,
      select: {
        id: true,
        ruleId: true,
        title: true,
        severity: true,
        agentId: true,
        message: true,
        at: true,
        status: true,
        assignee: true,
        eventIds: true,
      },
    }),
    db.alert.count({ where }),
  ]);
  return { rows, total };
}

/** Open (not closed) alerts by severity: the Overview's counts. */
export async function openAlertCounts(
  db: Db,
  workspaceId: string,
): Promise<Record<(typeof SEVERITIES)[number], number>> {
  const groups = await db.alert.groupBy({
    by: ['severity'],
    where: { workspaceId, status: { in: ['open', 'acknowledged'] } },
    _count: { _all: true },
  });
  return Object.fromEntries(
    SEVERITIES.map((s) => [s, groups.find((g) => g.severity === s)?._count._all ?? 0]),
  ) as Record<(typeof SEVERITIES)[number], number>;
}

export async function getAlert(db: Db, workspaceId: string, alertId: string) {
  const alert = await db.alert.findFirst({
    where: { id: alertId, workspaceId },
    include: { notes: { orderBy: { at: 'asc' } } },
  });
  if (!alert) return null;
  const principal = (await db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } }))
    ?.principal;
  const events = principal
    ? await db.logEvent.findMany({
        where: { principalId: principal, eventId: { in: alert.eventIds } },
        select: {
          eventId: true,
          type: true,
          eventType: true,
          at: true,
          actorEmail: true,
          record: true,
          fileId: true,
          line: true,
        },
      })
    : [];
  const agent = alert.agentId
    ? await db.agent.findUnique({
        where: { workspaceId_externalId: { workspaceId, externalId: alert.agentId } },
        select: { id: true, name: true },
      })
    : null;
  return { alert, events, agent, principal: principal ?? null };
}

export async function alertRules(db: Db, workspaceId: string) {
  return (await db.alert.groupBy({ by: ['ruleId'], where: { workspaceId }, orderBy: { ruleId: 'asc' } })).map(
    (g) => g.ruleId,
  );
}

/** The personal content of these events: only for callers holding logs:content (checked by the page). */
export async function eventContent(db: Db, principal: string, eventIds: string[]) {
  return db.logContent.findMany({
    where: { principalId: principal, eventId: { in: eventIds } },
    select: { eventId: true, path: true, text: true },
    orderBy: [{ eventId: 'asc' }, { path: 'asc' }],
  });
}

/** How many alerts each rule raised in the workspace. */
export function alertCountsByRule(db: Db, workspaceId: string) {
  return db.alert.groupBy({ by: ['ruleId'], where: { workspaceId }, _count: { _all: true } });
}

/** The workspace's alert webhook (host, threshold, on/off) and its ten latest deliveries. */
export function webhookStatus(db: Db, workspaceId: string) {
  return Promise.all([
    db.alertWebhook.findUnique({ where: { workspaceId }, select: { urlHost: true, minSeverity: true, enabled: true } }),
    db.alertDelivery.findMany({
      where: { workspaceId },
      orderBy: { id: 'desc' },
      take: 10,
      select: {
        id: true,
        alertId: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
      },
    }),
  ]);
}

/** An agent's open or acknowledged alerts, newest first, at most 20 (the review page lists them). */
export function activeAgentAlerts(db: Db, workspaceId: string, externalId: string) {
  return db.alert.findMany({
    where: { workspaceId, agentId: externalId, status: { in: ['open', 'acknowledged'] } },
    orderBy: { at: 'desc' },
    take: 20,
    select: { id: true, title: true, severity: true, at: true },
  });
}
