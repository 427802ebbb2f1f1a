// Reading CAB exceptions: the list by derived status, one exception with its findings and history,
// those expiring soon, and which findings an in-force exception covers right now.
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { describeScope, type Scope } from './rules.ts';
import { exceptionStatus, expiringWithin, type ExceptionStatus } from './state.ts';

type Reader = Db | Tx;

const LIST_SELECT = {
  id: true,
  title: true,
  scopeKind: true,
  scope: true,
  findingKeys: true,
  cabTicket: true,
  status: true,
  requestedBy: true,
  requestedAt: true,
  reviewAt: true,
  decidedBy: true,
  decidedAt: true,
  revokedBy: true,
  revokedAt: true,
} as const;

export type ExceptionView = {
  id: string;
  title: string;
  scope: Scope;
  scopeLabel: string;
  findingKeys: string[];
  cabTicket: string | null;
  stored: string;
  status: ExceptionStatus;
  expiring: boolean;
  /** A trifecta exception whose agent's configuration changed since the request: it covers nothing. */
  lapsed: boolean;
  /** The agent of a trifecta scope, for a link to its page. */
  agent: { externalId: string; name: string } | null;
  requestedBy: string;
  requestedAt: Date;
  reviewAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
};

type Listed = {
  id: string;
  title: string;
  scopeKind: string;
  scope: unknown;
  findingKeys: string[];
  cabTicket: string | null;
  status: string;
  requestedBy: string;
  requestedAt: Date;
  reviewAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
};

async function present(db: Reader, workspaceId: string, rows: Listed[], now: Date): Promise<ExceptionView[]> {
  const pinned = (kind: string) => kind === 'trifecta' || kind === 'approval_gate';
  const agentIds = rows.filter((r) => pinned(r.scopeKind)).map((r) => (r.scope as { agentId: string }).agentId);
  const agents = agentIds.length
    ? await db.agent.findMany({
        where: { workspaceId, id: { in: agentIds } },
        select: { id: true, name: true, externalId: true, configHash: true },
      })
    : [];
  const byId = new Map(agents.map((a) => [a.id, a]));
  return rows.map((r) => {
    const scope = { kind: r.scopeKind, ...(r.scope as object) } as Scope;
    const agent = scope.kind === 'trifecta' || scope.kind === 'approval_gate' ? byId.get(scope.agentId) : undefined;
    const lapsed =
      (scope.kind === 'trifecta' || scope.kind === 'approval_gate') && agent?.configHash !== scope.configHash;
    const status = exceptionStatus(r, now);
    return {
      id: r.id,
      title: r.title,
      scope,
      scopeLabel: describeScope(scope, agent ? `${agent.name} (${agent.externalId})` : undefined),
      findingKeys: r.findingKeys,
      cabTicket: r.cabTicket,
      stored: r.status,
      status,
      expiring: expiringWithin(r, now),
      lapsed,
      agent: agent ? { externalId: agent.externalId, name: agent.name } : null,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      reviewAt: r.reviewAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      revokedBy: r.revokedBy,
      revokedAt: r.revokedAt,
    };
  });
}

export async function listExceptions(db: Reader, workspaceId: string, now: Date): Promise<ExceptionView[]> {
  const rows = await db.exception.findMany({
    where: { workspaceId },
    orderBy: [{ reviewAt: 'asc' }, { requestedAt: 'desc' }],
    select: LIST_SELECT,
  });
  return present(db, workspaceId, rows, now);
}

/** The Exceptions page's groups, as a filter: a status as derived now, or `expiring` (in force, within 14 days). */
export const EXCEPTION_STATUS_FILTERS = [
  'requested',
  'approved',
  'expiring',
  'expired',
  'rejected',
  'revoked',
] as const;
export type ExceptionStatusFilter = (typeof EXCEPTION_STATUS_FILTERS)[number];

function statusWhere(status: ExceptionStatusFilter | undefined, now: Date): Prisma.ExceptionWhereInput {
  switch (status) {
    case undefined:
      return {};
    case 'approved':
      return { status: 'approved', reviewAt: { gt: now } };
    case 'expiring':
      return { status: 'approved', reviewAt: { gt: now, lte: new Date(now.getTime() + 14 * 86_400_000) } };
    case 'expired':
      return { status: 'approved', reviewAt: { lte: now } };
    default:
      return { status };
  }
}

/**
 * Up to `take` exceptions, newest request first, after the one requested at `after.requestedAt` with id
 * `after.id`: keyset paging for the API on what never changes once requested (a review date may).
 */
export async function pageExceptions(
  db: Reader,
  workspaceId: string,
  filter: { status?: ExceptionStatusFilter },
  now: Date,
  after: { requestedAt: Date; id: string } | null,
  take: number,
): Promise<ExceptionView[]> {
  const keyset: Prisma.ExceptionWhereInput[] = after
    ? [{ OR: [{ requestedAt: { lt: after.requestedAt } }, { requestedAt: after.requestedAt, id: { lt: after.id } }] }]
    : [];
  const rows = await db.exception.findMany({
    where: { AND: [{ workspaceId }, statusWhere(filter.status, now), ...keyset] },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take,
    select: LIST_SELECT,
  });
  return present(db, workspaceId, rows, now);
}

/** Approved exceptions reaching their review date within `days` (Exceptions and Overview). */
export async function expiringExceptions(
  db: Reader,
  workspaceId: string,
  now: Date,
  days = 14,
): Promise<ExceptionView[]> {
  const rows = await db.exception.findMany({
    where: { workspaceId, status: 'approved', reviewAt: { gt: now, lte: new Date(now.getTime() + days * 86_400_000) } },
    orderBy: { reviewAt: 'asc' },
    select: LIST_SELECT,
  });
  return present(db, workspaceId, rows, now);
}

export async function getException(db: Reader, workspaceId: string, id: string, now: Date) {
  const row = await db.exception.findFirst({
    where: { id, workspaceId },
    select: {
      ...LIST_SELECT,
      businessCase: true,
      decisionNote: true,
      attachments: {
        orderBy: { addedAt: 'asc' },
        select: { id: true, filename: true, size: true, sha256: true, url: true, addedBy: true, addedAt: true },
      },
    },
  });
  if (!row) return null;
  const [view] = await present(db, workspaceId, [row], now);
  const findings = row.findingKeys.length
    ? await db.finding.findMany({
        where: { workspaceId, key: { in: row.findingKeys } },
        select: { key: true, control: true, subjectLabel: true, message: true, status: true },
      })
    : [];
  const request = await db.auditEvent.findFirst({
    where: { action: 'exceptions.request', targetType: 'exception', targetId: id },
    select: { actorId: true },
  });
  const history = await versionsOf(db, workspaceId, 'exception', id);
  return {
    ...view!,
    businessCase: row.businessCase,
    decisionNote: row.decisionNote,
    attachments: row.attachments,
    findings,
    requestedById: request?.actorId ?? null,
    history,
  };
}

/** Covers its findings right now: in force and, for a trifecta, still at the agent's configuration. */
export function covers(e: Pick<ExceptionView, 'status' | 'lapsed'>): boolean {
  return e.status === 'approved' && !e.lapsed;
}

/** Finding key → the in-force exception covering it. */
export async function coveringExceptions(
  db: Reader,
  workspaceId: string,
  now: Date,
): Promise<Map<string, { id: string; title: string; reviewAt: Date }>> {
  const rows = await db.exception.findMany({
    where: { workspaceId, status: 'approved', reviewAt: { gt: now } },
    select: LIST_SELECT,
  });
  const map = new Map<string, { id: string; title: string; reviewAt: Date }>();
  for (const e of await present(db, workspaceId, rows, now)) {
    if (!covers(e)) continue;
    for (const key of e.findingKeys)
      if (!map.has(key)) map.set(key, { id: e.id, title: e.title, reviewAt: e.reviewAt });
  }
  return map;
}

/** Open findings of the workspace, for the request form. */
export async function openFindings(db: Reader, workspaceId: string) {
  return db.finding.findMany({
    where: { workspaceId, status: 'open' },
    orderBy: [{ control: 'asc' }, { key: 'asc' }],
    select: { key: true, control: true, subjectLabel: true, message: true },
  });
}

/** Trifecta agents that can be accepted (not mitigated), for the request form. */
export async function trifectaAgents(db: Reader, workspaceId: string) {
  return db.agent.findMany({
    where: { workspaceId, trifecta: true, effectiveState: { in: ['exposed', 'accepted'] } },
    orderBy: { name: 'asc' },
    take: 500,
    select: { id: true, externalId: true, name: true },
  });
}
