// Reading the audit log: filters shared by the page and the CSV export.
import { containsText, startsWithText } from '@/lib/db/text-match.ts';
import { z } from 'zod';
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  target: z.string().trim().max(200).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  before: z.string().regex(/^\d+$/).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): AuditFilter {
  const flat = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]),
  );
  return auditFilterSchema.parse(flat);
}

/** Dates are whole UTC days: `to` is inclusive of that day. */
export function auditWhere(f: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (f.actor) where.actorLabel = containsText(f.actor);
  if (f.action) where.action = startsWithText(f.action);
  if (f.target) where.OR = [{ targetType: f.target }, { targetId: f.target }];
  if (f.from || f.to) {
    where.at = {
      ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
      ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  return where;
}

export const AUDIT_PAGE_SIZE = 50;

/** Every event matching `where`, oldest first, in batches of `size` (a keyset on seq, so the CSV export streams
 *  any length of log without holding it in memory or skipping rows appended meanwhile). */
export async function* auditEventBatches(db: Db, where: Prisma.AuditEventWhereInput, size = 2000) {
  let after = -1n;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { AND: [where, { seq: { gt: after } }] },
      orderBy: { seq: 'asc' },
      take: size,
    });
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    after = batch.at(-1)!.seq;
  }
}

/** A page of the API's audit events: keyset on seq (`after`: the last seq seen, in `order`), `take` rows. */
export function auditEventPage(
  db: Db,
  where: Prisma.AuditEventWhereInput,
  page: { order: 'asc' | 'desc'; after: bigint | null; afterSeq: bigint | null; take: number },
) {
  const seq: Prisma.BigIntFilter = {
    ...(page.afterSeq !== null ? { gt: page.afterSeq } : {}),
    // With both, the cursor wins in ascending order (it is past afterSeq anyway); descending keeps both bounds.
    ...(page.after !== null ? { [page.order === 'asc' ? 'gt' : 'lt']: page.after } : {}),
  };
  return db.auditEvent.findMany({ where: { AND: [where, { seq }] }, orderBy: { seq: page.order }, take: page.take });
}

export async function listAuditEvents(db: Db, f: AuditFilter) {
  const where = auditWhere(f);
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where: f.before ? { AND: [where, { seq: { lt: BigInt(f.before) } }] } : where,
      orderBy: { seq: 'desc' },
      take: AUDIT_PAGE_SIZE + 1,
    }),
    db.auditEvent.count({ where }),
  ]);
  const hasMore = events.length > AUDIT_PAGE_SIZE;
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  return { events: page, total, nextBefore: hasMore ? page.at(-1)!.seq.toString() : null };
}

export async function auditSummary(db: Db) {
  // Sequence numbers are given one by one from 1 under the chain's lock: the head's is the count (no scan).
  const [head, lastSignature] = await Promise.all([
    db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, at: true } }),
    db.auditSignature.findFirst({
      orderBy: { signedAt: 'desc' },
      select: { seq: true, signedAt: true, keyId: true, reason: true },
    }),
  ]);
  return { count: Number(head?.seq ?? 0n), head, lastSignature };
}

/** Signed heads, newest first, after the keyset `after` ([signedAt ISO, id]): for the API's pages. */
export function auditSignaturePage(db: Db, after: [string, string] | null, take: number) {
  const at = after ? new Date(after[0]) : null;
  return db.auditSignature.findMany({
    where: at ? { OR: [{ signedAt: { lt: at } }, { signedAt: at, id: { lt: after![1] } }] } : {},
    orderBy: [{ signedAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** The five latest signatures of the audit log's head, newest first. */
export function recentAuditSignatures(db: Db) {
  return db.auditSignature.findMany({ orderBy: { signedAt: 'desc' }, take: 5 });
}
