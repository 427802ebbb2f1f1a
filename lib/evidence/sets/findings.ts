// Findings as of the period's end: each finding's latest version before asOf (RecordVersion, entity 'finding'),
// its status then — resolved, excepted (an exception in force at asOf covered it, by the exceptions' own versions)
// or open — with owner, due date and control. Findings are never deleted, so they are paged over "Finding" in key
// order (its unique index) and each version is one index probe.
import type { Db } from '@/lib/db.ts';
import { findingStatus } from '@/lib/findings/status.ts';
import { exceptionsAsOf, snapshotExceptions } from './exceptions.ts';
import { before, date, iso, keyset, PAGE, inScope, textOrNull } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

/** findingVersionData() in lib/findings/sync.ts (dates as ISO strings). */
type FindingVersion = {
  key: string;
  control: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  message: string;
  cause: unknown;
  status: string;
  owner: string | null;
  dueAt: string;
  firstSeenAt: string;
  resolvedAt: string | null;
};

export async function* findingRows(db: Db, ctx: SetContext, page = PAGE): AsyncIterable<Record<string, unknown>> {
  const exceptions = snapshotExceptions(await exceptionsAsOf(db, ctx.workspaceId, ctx.asOf));
  const rows = keyset(
    '',
    (after) => db.$queryRaw<{ key: string; at: Date; data: FindingVersion }[]>`
      SELECT f.key, v.at, v.data FROM "Finding" f
      CROSS JOIN LATERAL (
        SELECT r.at, r.data FROM "RecordVersion" r
        WHERE r."workspaceId" = f."workspaceId" AND r.entity = 'finding' AND r."entityId" = f.id
        AND r.at < ${ctx.asOf.toISOString()}::timestamptz
        ORDER BY r.at DESC, r.id DESC LIMIT 1
      ) v
      WHERE f."workspaceId" = ${ctx.workspaceId} AND f.key > ${after} AND v.data IS NOT NULL
      ORDER BY f.key
      LIMIT ${page}`,
    (r) => r.key,
    page,
  );
  for await (const { at, data: f } of rows) {
    if (!inScope(ctx, f.control)) continue;
    const { status, exceptionId } = findingStatus(f, exceptions, ctx.asOf);
    const dueAt = date(f.dueAt);
    yield {
      key: f.key,
      control: f.control,
      kind: f.kind,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      subjectLabel: f.subjectLabel,
      message: f.message,
      status,
      exceptionId,
      owner: textOrNull(f.owner),
      dueAt: iso(dueAt),
      overdue: status === 'open' && before(dueAt, ctx.asOf),
      firstSeenAt: iso(f.firstSeenAt),
      resolvedAt: iso(f.resolvedAt),
      stateSince: at.toISOString(),
      // JSON only: what causes it (records and links).
      cause: f.cause ?? null,
    };
  }
}

export const findingsSet: EvidenceSetDef = {
  name: 'findings',
  title: 'Findings',
  kind: 'state',
  controls: 'all',
  columns: [
    'key',
    'control',
    'kind',
    'subjectType',
    'subjectId',
    'subjectLabel',
    'message',
    'status',
    'exceptionId',
    'owner',
    'dueAt',
    'overdue',
    'firstSeenAt',
    'resolvedAt',
    'stateSince',
  ],
  note:
    'Every finding raised before the pack’s as-of instant as its latest ' +
    'recorded version before then, with its status at that instant (excepted ' +
    'when an exception in force then covered it), owner, due date and control.',
  rows: (db, ctx) => findingRows(db, ctx),
};
