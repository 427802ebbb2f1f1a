// Reading alerts: the inbox (filtered, newest first, most severe first), one alert with its events, counts.
import type { Db } from '@/lib/db.ts';
import { eventsById } from '@/lib/logs/events-by-id.ts';
import { alertChannel, alertDeliveries } from '@/lib/webhooks/queries.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { SEVERITIES, type AlertFilter } from './filter.ts';
import { rulesNamingRisk } from './risks.ts';

export const ALERT_PAGE_SIZE = 50;

export function alertWhere(workspaceId: string, f: AlertFilter): Prisma.AlertWhereInput {
  const risky = f.risk ? rulesNamingRisk(f.risk) : null;
  return {
    workspaceId,
    ...(risky ? { AND: [{ ruleId: { in: risky } }] } : {}),
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

const LIST_SELECT = {
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
} satisfies Prisma.AlertSelect;

/**
 * One page of the inbox, newest first, with the total. The page's ids come from the inbox's indexes (issue 20,
 * item 4): per status when the filter names statuses (the default view: open and acknowledged, each range read in
 * order and merged, no further than the page), else the workspace's whole range; never a sort of every alert.
 */
export async function listAlerts(db: Db, workspaceId: string, f: AlertFilter) {
  const where = alertWhere(workspaceId, f);
  const statuses = f.status === 'active' ? ['open', 'acknowledged'] : f.status === 'all' ? null : [f.status];
  const skip = (f.page - 1) * ALERT_PAGE_SIZE;
  const risky = f.risk ? rulesNamingRisk(f.risk) : null;
  const filters = Prisma.sql`${f.severity ? Prisma.sql`AND severity = ${f.severity}` : Prisma.empty}
    ${risky ? Prisma.sql`AND "ruleId" = ANY(${risky}::text[])` : Prisma.empty}
    ${f.rule ? Prisma.sql`AND "ruleId" = ${f.rule}` : Prisma.empty}
    ${f.agent ? Prisma.sql`AND "agentId" = ${f.agent}` : Prisma.empty}
    ${f.assignee ? Prisma.sql`AND assignee = ${f.assignee}` : Prisma.empty}`;
  const range = (status: string | null) => Prisma.sql`(SELECT id, at FROM "Alert" WHERE "workspaceId" = ${workspaceId}
    ${status === null ? Prisma.empty : Prisma.sql`AND status = ${status}`} ${filters}
    ORDER BY at DESC, id ASC LIMIT ${skip + ALERT_PAGE_SIZE})`;
  const [ids, total] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT id FROM (${Prisma.join((statuses ?? [null]).map(range), ' UNION ALL ')}) r
      ORDER BY at DESC, id ASC OFFSET ${skip} LIMIT ${ALERT_PAGE_SIZE}`,
    db.alert.count({ where }),
  ]);
  const found = await db.alert.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: LIST_SELECT });
  const byId = new Map(found.map((a) => [a.id, a]));
  return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), total };
}

export const ALERT_ROW_SELECT = {
  id: true,
  ruleId: true,
  title: true,
  severity: true,
  agentId: true,
  eventIds: true,
  message: true,
  at: true,
  status: true,
  assignee: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AlertSelect;

/**
 * Up to `take` alerts matching the filter, in the inbox's order (newest event first, then id), after the alert
 * `after` (its time and id): keyset paging for the API, stable under concurrent inserts. Alerts are written with
 * JavaScript dates, so `at` holds whole milliseconds and compares exactly with the cursor's.
 */
export function pageAlerts(
  db: Db,
  workspaceId: string,
  f: AlertFilter,
  after: { at: Date; id: string } | null,
  take: number,
) {
  const keyset: Prisma.AlertWhereInput[] = after
    ? [{ OR: [{ at: { lt: after.at } }, { at: after.at, id: { gt: after.id } }] }]
    : [];
  return db.alert.findMany({
    where: { AND: [alertWhere(workspaceId, f), ...keyset] },
    orderBy: [{ at: 'desc' }, { id: 'asc' }],
    take,
    select: ALERT_ROW_SELECT,
  });
}

/** One alert with its triage notes, oldest first. */
export function alertWithNotes(db: Db, workspaceId: string, alertId: string) {
  return db.alert.findFirst({
    where: { id: alertId, workspaceId },
    select: { ...ALERT_ROW_SELECT, notes: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } },
  });
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
  const events = principal ? await eventsById(db, principal, alert.eventIds) : [];
  const agent = alert.agentId
    ? await db.agent.findUnique({
        where: { workspaceId_externalId: { workspaceId, externalId: alert.agentId } },
        select: { id: true, name: true },
      })
    : null;
  return { alert, events, agent, principal: principal ?? null };
}

/** The rule ids the workspace's alerts name, in order: one index probe per rule (a loose scan of (workspace, rule)),
 *  not a grouping of every alert. */
export async function alertRules(db: Db, workspaceId: string) {
  const rows = await db.$queryRaw<{ ruleId: string }[]>`
    WITH RECURSIVE r AS (
      (SELECT "ruleId" FROM "Alert" WHERE "workspaceId" = ${workspaceId} ORDER BY "ruleId" LIMIT 1)
      UNION ALL
      SELECT (SELECT a."ruleId" FROM "Alert" a WHERE a."workspaceId" = ${workspaceId} AND a."ruleId" > r."ruleId"
        ORDER BY a."ruleId" LIMIT 1) FROM r WHERE r."ruleId" IS NOT NULL)
    SELECT "ruleId" FROM r WHERE "ruleId" IS NOT NULL`;
  return rows.map((r) => r.ruleId);
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

/** The workspace's alert webhook (host, threshold, on/off; a webhook subscription) and its ten latest deliveries. */
export async function webhookStatus(db: Db, workspaceId: string) {
  const [channel, deliveries] = await Promise.all([
    alertChannel(db, workspaceId),
    alertDeliveries(db, workspaceId, 10),
  ]);
  const hook = channel && {
    urlHost: channel.urlHost,
    minSeverity: channel.minSeverity ?? 'low',
    enabled: channel.enabled,
  };
  return [hook, deliveries] as const;
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
