// The audit-log extract for the period: every event at in [from, end) of this workspace, or of no workspace
// (sign-ins, settings, keys), in seq order, with every field the chain hashes and the hash and previous hash as
// stored, so an auditor can recompute each event's hash (lib/audit/chain.ts hashEvent) and follow the links.
// Read in keyset pages by seq (the log can hold a million events in a period), never all at once.
import type { Db } from '@/lib/db.ts';
import { changesEnd, keyset, PAGE } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

export async function* auditRows(db: Db, ctx: SetContext, page = PAGE): AsyncIterable<Record<string, unknown>> {
  const at = { gte: ctx.period.from, lt: changesEnd(ctx) };
  // The seq range of the period (from the `at` index), so each page is a range scan of the primary key.
  const bounds = await db.auditEvent.aggregate({ where: { at }, _min: { seq: true }, _max: { seq: true } });
  if (bounds._min.seq === null || bounds._max.seq === null) return;
  const events = keyset(
    bounds._min.seq - 1n,
    (after) =>
      db.auditEvent.findMany({
        where: {
          seq: { gt: after, lte: bounds._max.seq! },
          at,
          OR: [{ workspaceId: ctx.workspaceId }, { workspaceId: null }],
        },
        orderBy: { seq: 'asc' },
        take: page,
      }),
    (e) => e.seq,
    page,
  );
  for await (const e of events) {
    yield {
      seq: e.seq.toString(),
      at: e.at,
      actorId: e.actorId,
      actorLabel: e.actorLabel,
      role: e.role,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      workspaceId: e.workspaceId,
      diff: e.diff,
      requestId: e.requestId,
      sourceIp: e.sourceIp,
      prevHash: e.prevHash,
      hash: e.hash,
    };
  }
}

export const auditLogSet: EvidenceSetDef = {
  name: 'audit-log',
  title: 'Audit-log extract',
  kind: 'changes',
  controls: 'all',
  columns: [
    'seq',
    'at',
    'actorId',
    'actorLabel',
    'role',
    'action',
    'targetType',
    'targetId',
    'workspaceId',
    'diff',
    'requestId',
    'sourceIp',
    'prevHash',
    'hash',
  ],
  note:
    'Every audit event within the period for this workspace or for no ' +
    'workspace, in sequence order, with the fields the chain hashes and each ' +
    'event’s stored hash and previous hash (a gap in seq is another ' +
    'workspace’s event); the whole chain’s verification is reported below.',
  rows: (db, ctx) => auditRows(db, ctx),
};
