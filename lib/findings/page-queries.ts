// The Findings page's rows and the Overview's counts, read in SQL a page and a count at a time (issue 20, item 4):
// listing every finding to sort, page and count it in memory cost a read of the whole table per request. Excepted is
// derived (lib/findings/status.ts), but only the few findings an exception in force lists or names can be excepted:
// those are found first, and every other open finding is plainly open.
import type { Db, Tx } from '@/lib/db.ts';
import { inForce } from '@/lib/exceptions/state.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { FindingFilter } from './filter.ts';
import {
  exceptionsOf,
  FINDING_ROW_SELECT,
  type FindingCounts,
  type FindingView,
  findingView,
  findingWhere,
} from './queries.ts';
import type { SnapshotException } from './types.ts';

type Reader = Db | Tx;

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The ids of the open findings an exception in force covers now, with the exceptions read. */
export async function exceptedIds(
  db: Reader,
  workspaceId: string,
  now: Date,
): Promise<{ ids: string[]; exceptions: SnapshotException[] }> {
  const exceptions = await exceptionsOf(db, workspaceId);
  const live = exceptions.filter((e) => inForce(e, now));
  if (!live.length) return { ids: [], exceptions };
  // Candidates: the keys the exceptions list and the subjects their scopes name; findingStatus then decides each.
  const keys = live.flatMap((e) => e.findingKeys);
  const people = live.flatMap((e) => {
    const people = record(e.scope).people;
    return e.scopeKind === 'role_bit' && Array.isArray(people)
      ? people.filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase())
      : [];
  });
  const apps = live.flatMap((e) =>
    e.scopeKind === 'action_control' && typeof record(e.scope).appId === 'string'
      ? [String(record(e.scope).appId)]
      : [],
  );
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Finding" WHERE "workspaceId" = ${workspaceId} AND status = 'open' AND (key = ANY(${keys}::text[])
      OR (kind = 'shared-connections' AND lower("subjectLabel") = ANY(${people}::text[]))
      OR (kind = 'action-custom' AND "subjectId" = ANY(${apps}::text[])))`;
  if (!rows.length) return { ids: [], exceptions };
  const candidates = await db.finding.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: FINDING_ROW_SELECT,
  });
  const ids = candidates.map((r) => findingView(r, exceptions, now)).filter((v) => v.status === 'excepted');
  return { ids: ids.map((v) => v.id), exceptions };
}

/** The Overview panel and the page's counts: open findings (not covered by an exception now), overdue and
 *  unassigned among them, excepted, and open by control; grouped in SQL, less the excepted ones. */
export async function findingCounts(db: Reader, workspaceId: string, now: Date): Promise<FindingCounts> {
  const [groups, { ids }] = await Promise.all([
    db.$queryRaw<{ control: string; n: number; overdue: number; unassigned: number }[]>`
      SELECT control, count(*)::int AS n, (count(*) FILTER (WHERE "dueAt" < ${now}))::int AS overdue,
        (count(*) FILTER (WHERE owner IS NULL))::int AS unassigned
      FROM "Finding" WHERE "workspaceId" = ${workspaceId} AND status = 'open' GROUP BY control`,
    exceptedIds(db, workspaceId, now),
  ]);
  const excepted = ids.length
    ? await db.finding.findMany({ where: { id: { in: ids } }, select: { control: true, dueAt: true, owner: true } })
    : [];
  const byControl = new Map(groups.map((g) => [g.control, g.n]));
  let overdue = groups.reduce((s, g) => s + g.overdue, 0);
  let unassigned = groups.reduce((s, g) => s + g.unassigned, 0);
  for (const e of excepted) {
    byControl.set(e.control, (byControl.get(e.control) ?? 0) - 1);
    if (e.dueAt.getTime() < now.getTime()) overdue--;
    if (e.owner === null) unassigned--;
  }
  const open = [...byControl.values()].reduce((s, n) => s + n, 0);
  return {
    open,
    overdue,
    excepted: excepted.length,
    unassigned,
    byControl: [...byControl]
      .filter(([, n]) => n > 0)
      .map(([control, n]) => ({ control, open: n }))
      .sort((a, b) => a.control.localeCompare(b.control, 'en', { numeric: true })),
  };
}

export const FINDING_SORTS = ['control', 'subject', 'owner', 'due', 'status'] as const;
type Sort = { key: string; dir: 'asc' | 'desc' } | null;
type Part = 'open' | 'excepted' | 'resolved';

/**
 * One page of the findings matching the filter, in the page's order (open, then excepted, then resolved, each by due
 * date and key; or by a column, empty values last), with the total. Each status is its own query, so the default
 * order is a range of an index and a page deep in the list skips index entries, not sorted rows.
 */
export async function findingsPage(
  db: Reader,
  workspaceId: string,
  f: FindingFilter,
  sort: Sort,
  page: number,
  size: number,
  now: Date,
): Promise<{ rows: FindingView[]; total: number; page: number; pages: number }> {
  const { ids, exceptions } = await exceptedIds(db, workspaceId, now);
  const part = (p: Part): Prisma.FindingWhereInput => {
    const base = findingWhere(workspaceId, f);
    if (p === 'resolved') return { AND: [base, { status: 'resolved' }] };
    const open: Prisma.FindingWhereInput[] = [base, { status: 'open' }];
    if (p === 'excepted') return { AND: [...open, { id: { in: ids } }] };
    return { AND: [...open, { id: { notIn: ids } }, ...(f.overdue ? [{ dueAt: { lt: now } }] : [])] };
  };
  const parts: Part[] = f.overdue
    ? ['open']
    : f.status === 'open' || f.status === 'excepted' || f.status === 'resolved'
      ? [f.status]
      : f.status === 'all'
        ? ['open', 'excepted', 'resolved']
        : ['open', 'excepted'];
  const read = async (
    where: Prisma.FindingWhereInput,
    orderBy: Prisma.FindingOrderByWithRelationInput[],
    skip: number,
    take: number,
  ) =>
    (await db.finding.findMany({ where, orderBy, skip, take, select: FINDING_ROW_SELECT })).map((r) =>
      findingView(r, exceptions, now),
    );
  const byDue: Prisma.FindingOrderByWithRelationInput[] = [{ dueAt: 'asc' }, { key: 'asc' }];
  const column = sort && sort.key !== 'status' ? sort : null;
  if (column) {
    const where: Prisma.FindingWhereInput = { OR: parts.map(part) };
    const field = { control: 'control', subject: 'subjectLabel', owner: 'owner', due: 'dueAt' }[column.key]!;
    const total = await db.finding.count({ where });
    const at = clamp(page, total, size);
    // Only the owner is ever empty: empty last, either way, as the table sorts. Ties: open before resolved, then by
    // due date; an excepted finding (derived, so not in the ORDER BY) sorts among the open ones by its due date.
    const first = field === 'owner' ? { owner: { sort: column.dir, nulls: 'last' } } : { [field]: column.dir };
    const orderBy = [first, { status: 'asc' }, ...byDue] as Prisma.FindingOrderByWithRelationInput[];
    return { rows: await read(where, orderBy, (at.page - 1) * size, size), total, ...at };
  }
  // By status: the three statuses in the default order (open, excepted, resolved) or by name (excepted, open,
  // resolved), reversed for descending; the default order within each.
  const order: Part[] =
    sort?.key === 'status' ? (['excepted', 'open', 'resolved'] as Part[]).filter((p) => parts.includes(p)) : parts;
  if (sort?.dir === 'desc') order.reverse();
  const counts = await Promise.all(order.map((p) => db.finding.count({ where: part(p) })));
  const total = counts.reduce((s, n) => s + n, 0);
  const at = clamp(page, total, size);
  const rows: FindingView[] = [];
  let skip = (at.page - 1) * size;
  for (const [i, p] of order.entries()) {
    if (rows.length === size) break;
    if (skip >= counts[i]!) {
      skip -= counts[i]!;
      continue;
    }
    rows.push(...(await read(part(p), byDue, skip, size - rows.length)));
    skip = 0;
  }
  return { rows, total, ...at };
}

function clamp(page: number, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, page), pages), pages };
}
