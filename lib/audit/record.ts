// Writes one audit event inside the caller's transaction, so the change and its record commit together.
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { auditTime, canonicalJson, GENESIS, hashEvent } from './chain.ts';
import { redactSecrets } from './redact.ts';

export type Actor = {
  id: string | null;
  label: string;
  role: string | null;
  requestId?: string | null;
  sourceIp?: string | null;
};

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system', role: null };

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  workspaceId?: string | null;
  diff?: Record<string, unknown>;
  /**
   * When the change happened: the service's own `now` (the time its record carries), so the record and its event
   * agree — the demo seed's history is dated this way. Server-side code only: never parsed from a request.
   * Kept between the chain's last event (or signed head) and the clock (auditTime in chain.ts).
   */
  at?: Date;
};

// One lock id for the chain: writers queue for the head, so links never fork.
const AUDIT_CHAIN_LOCK = 7_368_001;

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true, at: true } });
  // A signature over the empty chain vouches for no event (verify skips it too): it does not hold the seed back.
  const signed = await tx.auditSignature.aggregate({ where: { seq: { gt: 0n } }, _max: { signedAt: true } });
  const content = {
    seq: (head?.seq ?? 0n) + 1n,
    at: auditTime(input.at, [head?.at, signed._max.signedAt], new Date()),
    actorId: actor.id,
    actorLabel: actor.label,
    role: actor.role,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    workspaceId: input.workspaceId ?? null,
    // Stored exactly as hashed: canonical and redacted.
    diff: JSON.parse(canonicalJson(redactSecrets(input.diff ?? {}))) as Prisma.InputJsonObject,
    requestId: actor.requestId ?? null,
    sourceIp: actor.sourceIp ?? null,
    prevHash: head?.hash ?? GENESIS,
  };
  return tx.auditEvent.create({ data: { ...content, hash: hashEvent(content) } });
}

/** An access recorded on its own (a download, an export): nothing else changes, so the event is its own
 *  transaction. Route handlers call this instead of opening a transaction on the client themselves. */
export async function recordAccess(db: Db, actor: Actor, input: AuditInput) {
  return db.$transaction((tx) => recordAudit(tx, actor, input));
}
