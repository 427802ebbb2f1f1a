// `tollgate audit verify`: walks the whole chain in seq order (batched, constant memory) and checks
// every signed head against the trusted public key.
import type { Db } from '@/lib/db.ts';
import { findBreak, GENESIS } from './chain.ts';
import { keyFingerprint, verifyHeadSignature } from './signing.ts';

export type VerifyResult =
  | { ok: true; count: number; signatures: number; message: string }
  | { ok: false; count: number; message: string };

const BATCH = 5000;

/**
 * With `before`, only the chain's prefix recorded before that instant and the heads signed before it: what an
 * evidence pack for a period ending then can vouch for, the same result however long after it is generated.
 */
export async function verifyAuditChain(
  db: Db,
  trustedPublicKeyPem: string,
  options: { before?: Date } = {},
): Promise<VerifyResult> {
  const before = options.before;
  const last = before
    ? ((
        await db.auditEvent.findFirst({
          where: { at: { lt: before } },
          orderBy: { seq: 'desc' },
          select: { seq: true },
        })
      )?.seq ?? 0n)
    : null;
  let position = { prevHash: GENESIS, seq: 0n };
  let count = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { seq: last === null ? { gt: position.seq } : { gt: position.seq, lte: last } },
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    if (batch.length === 0) break;
    const walk = findBreak(batch, position);
    count += walk.count;
    if (walk.broken)
      return { ok: false, count, message: `chain broken at event ${walk.broken.seq}: ${walk.broken.reason}` };
    position = walk.last;
  }
  const trustedKeyId = keyFingerprint(trustedPublicKeyPem);
  const signatures = await db.auditSignature.findMany({
    where: before ? { signedAt: { lt: before }, seq: { lte: last! } } : {},
    orderBy: { signedAt: 'asc' },
  });
  for (const s of signatures) {
    const when = s.signedAt.toISOString();
    if (s.keyId !== trustedKeyId || keyFingerprint(s.publicKey) !== trustedKeyId) {
      return {
        ok: false,
        count,
        message:
          `bad signature from ${when} (head ${s.seq}): signed by key ${s.keyId}, ` +
          `not the trusted key ${trustedKeyId}`,
      };
    }
    if (!verifyHeadSignature(trustedPublicKeyPem, s.seq, s.hash, s.signature)) {
      return {
        ok: false,
        count,
        message: `bad signature from ${when} (head ${s.seq}): the signature does not match the signed head`,
      };
    }
    if (s.seq === 0n && s.hash === GENESIS) continue; // signed while the chain was empty
    const event = await db.auditEvent.findUnique({ where: { seq: s.seq }, select: { hash: true } });
    if (!event)
      return {
        ok: false,
        count,
        message: `chain broken: event ${s.seq}, signed on ${when}, is missing (history was truncated)`,
      };
    if (event.hash !== s.hash)
      return {
        ok: false,
        count,
        message: `chain broken at event ${s.seq}: it differs from the head signed on ${when} (history was rewritten)`,
      };
  }
  const heads = `${signatures.length} signed head${signatures.length === 1 ? '' : 's'} verified`;
  return {
    ok: true,
    count,
    signatures: signatures.length,
    message: before
      ? `chain intact (${count} events before ${before.toISOString()}; ${heads})`
      : `chain intact (${count} events)`,
  };
}
