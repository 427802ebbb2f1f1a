// Reading findings with their status as of `now`: stored open | resolved, excepted derived from the
// exceptions in force (so an exception's review instant reopens its findings without any job).
import { containsText, equalsIgnoringCase } from '@/lib/db/text-match.ts';
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { findingRiskSelector, findingRisks, type RiskTag, riskById } from '@/lib/frameworks/risk-tags.ts';
import { FINDING_CONTROLS, type FindingFilter } from './filter.ts';
import { findingStatus, type FindingStatus } from './status.ts';
import type { FindingCause, SnapshotException } from './types.ts';

type Reader = Db | Tx;

export type FindingSubject = { type: string; id: string; label: string; href: string | null };

/** Where a subject is shown in the dashboard (null: nowhere yet). */
export function subjectHref(type: string, id: string, label: string): string | null {
  switch (type) {
    case 'role':
      return '/roles';
    case 'member':
      return `/roles/members?q=${encodeURIComponent(label)}&status=any`;
    case 'workspace':
      return '/roles/members?role=owner';
    case 'app':
      return '/apps/action-control';
    case 'agent':
      return `/agents/${encodeURIComponent(id)}`;
    default:
      return null;
  }
}

export type FindingView = {
  id: string;
  key: string;
  control: string;
  kind: string;
  subject: FindingSubject;
  message: string;
  status: FindingStatus;
  owner: string | null;
  due: Date;
  overdue: boolean;
  exception_id: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  /** The OWASP agentic / LLM risks and ATLAS techniques it names (decision 0041). */
  risks: RiskTag[];
};

const ROW_SELECT = {
  id: true,
  key: true,
  control: true,
  kind: true,
  subjectType: true,
  subjectId: true,
  subjectLabel: true,
  message: true,
  cause: true,
  status: true,
  owner: true,
  dueAt: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
} satisfies Prisma.FindingSelect;

type Row = Prisma.FindingGetPayload<{ select: typeof ROW_SELECT }>;

export async function exceptionsOf(db: Reader, workspaceId: string): Promise<SnapshotException[]> {
  // Only approved ones can be in force; the rest never cover anything.
  return db.exception.findMany({
    where: { workspaceId, status: 'approved' },
    select: { id: true, status: true, reviewAt: true, scopeKind: true, scope: true, findingKeys: true },
  });
}

function view(r: Row, exceptions: SnapshotException[], now: Date): FindingView {
  const { status, exceptionId } = findingStatus(r, exceptions, now);
  return {
    id: r.id,
    key: r.key,
    control: r.control,
    kind: r.kind,
    subject: {
      type: r.subjectType,
      id: r.subjectId,
      label: r.subjectLabel,
      href: subjectHref(r.subjectType, r.subjectId, r.subjectLabel),
    },
    message: r.message,
    status,
    owner: r.owner,
    due: r.dueAt,
    overdue: status === 'open' && r.dueAt.getTime() < now.getTime(),
    exception_id: exceptionId,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    resolvedAt: r.resolvedAt,
    risks: findingRisks(r.kind, r.control),
  };
}

/** Findings naming a risk: of an own-risk kind mapped to it, or of another kind under a control mapped to it. */
function riskWhere(riskId: string): Prisma.FindingWhereInput | null {
  if (!riskById(riskId)) return null;
  const s = findingRiskSelector(riskId, FINDING_CONTROLS);
  return { OR: [{ kind: { in: s.kinds } }, { kind: { notIn: s.ownKinds }, control: { in: s.controls } }] };
}

function where(workspaceId: string, f: FindingFilter): Prisma.FindingWhereInput {
  const and: Prisma.FindingWhereInput[] = [{ workspaceId }];
  if (f.status === 'resolved') and.push({ status: 'resolved' });
  else if (f.status !== 'all') and.push({ status: 'open' });
  if (f.control) and.push({ control: f.control });
  if (f.kind) and.push({ kind: f.kind });
  const risk = f.risk ? riskWhere(f.risk) : null;
  if (risk) and.push(risk);
  if (f.subject) and.push({ subjectType: f.subject });
  if (f.owner === 'unassigned') and.push({ owner: null });
  else if (f.owner) and.push({ owner: equalsIgnoringCase(f.owner) });
  if (f.q)
    and.push({
      OR: [{ subjectLabel: containsText(f.q) }, { message: containsText(f.q) }, { key: containsText(f.q) }],
    });
  return { AND: and };
}

/** The filters on what is derived at `now` (excepted, overdue), which no WHERE clause can express. */
function derivedMatch(v: FindingView, f: FindingFilter): boolean {
  if ((f.status === 'open' || f.status === 'excepted') && v.status !== f.status) return false;
  return f.overdue ? v.overdue : true;
}

const STATUS_ORDER: Record<FindingStatus, number> = { open: 0, excepted: 1, resolved: 2 };

/** Findings matching the filter, open first, then by due date. */
export async function listFindings(
  db: Reader,
  workspaceId: string,
  f: FindingFilter,
  now: Date,
): Promise<FindingView[]> {
  const [rows, exceptions] = await Promise.all([
    db.finding.findMany({ where: where(workspaceId, f), select: ROW_SELECT }),
    exceptionsOf(db, workspaceId),
  ]);
  return rows
    .map((r) => view(r, exceptions, now))
    .filter((v) => derivedMatch(v, f))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.due.getTime() - b.due.getTime() ||
        a.key.localeCompare(b.key),
    );
}

const PAGE_BATCH = 500;

/**
 * Up to `take` findings matching the filter whose key comes after `afterKey`, by key (unique in a workspace: the
 * API's keyset order, stable under concurrent inserts). Excepted and overdue are derived, so rows are read in
 * batches until the page is full.
 */
export async function pageFindings(
  db: Reader,
  workspaceId: string,
  f: FindingFilter,
  now: Date,
  afterKey: string | null,
  take: number,
): Promise<FindingView[]> {
  const exceptions = await exceptionsOf(db, workspaceId);
  const out: FindingView[] = [];
  for (let after = afterKey; ; ) {
    const rows = await db.finding.findMany({
      where: { AND: [where(workspaceId, f), ...(after === null ? [] : [{ key: { gt: after } }])] },
      orderBy: { key: 'asc' },
      take: PAGE_BATCH,
      select: ROW_SELECT,
    });
    for (const row of rows) {
      const v = view(row, exceptions, now);
      if (derivedMatch(v, f)) out.push(v);
      if (out.length === take) return out;
    }
    if (rows.length < PAGE_BATCH) return out;
    after = rows.at(-1)!.key;
  }
}

export type FindingCounts = {
  open: number;
  overdue: number;
  excepted: number;
  unassigned: number;
  byControl: { control: string; open: number }[];
};

// findingCounts, the Overview panel's and the page's counts, is read in SQL: lib/findings/page-queries.ts.

export type FindingDetail = FindingView & { cause: FindingCause; history: { at: Date; data: unknown }[] };

export async function getFinding(
  db: Reader,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<FindingDetail | null> {
  const row = await db.finding.findFirst({ where: { workspaceId, id }, select: ROW_SELECT });
  if (!row) return null;
  const [exceptions, history] = await Promise.all([
    exceptionsOf(db, workspaceId),
    versionsOf(db, workspaceId, 'finding', id),
  ]);
  return { ...view(row, exceptions, now), cause: (row.cause ?? {}) as FindingCause, history };
}

/** The CLI's and API's shape: exactly these fields. */
export function findingJson(v: FindingView) {
  return {
    id: v.id,
    control: v.control,
    kind: v.kind,
    subject: { type: v.subject.type, id: v.subject.id, label: v.subject.label },
    message: v.message,
    status: v.status,
    owner: v.owner,
    due: v.due.toISOString(),
    exception_id: v.exception_id,
  };
}

/** Current findings (open and excepted) about one subject, or every subject of a type: for the subject's own page. */
export async function findingsForSubject(
  db: Reader,
  workspaceId: string,
  subjectType: string,
  subjectId: string | null,
  now: Date,
): Promise<FindingView[]> {
  const [rows, exceptions] = await Promise.all([
    db.finding.findMany({
      where: { workspaceId, status: 'open', subjectType, ...(subjectId === null ? {} : { subjectId }) },
      select: ROW_SELECT,
    }),
    exceptionsOf(db, workspaceId),
  ]);
  return rows
    .map((r) => view(r, exceptions, now))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.due.getTime() - b.due.getTime() ||
        a.key.localeCompare(b.key),
    );
}

/** An agent's open findings (by its id or external id), at most 20 (the review page lists them). */
export function openAgentFindings(db: Db, workspaceId: string, agent: { id: string; externalId: string }) {
  return db.finding.findMany({
    where: { workspaceId, subjectType: 'agent', subjectId: { in: [agent.id, agent.externalId] }, status: 'open' },
    take: 20,
    select: { key: true, message: true },
  });
}

// For the Findings page's and the Overview's reads in SQL (lib/findings/page-queries.ts).
export { ROW_SELECT as FINDING_ROW_SELECT, view as findingView, where as findingWhere };
