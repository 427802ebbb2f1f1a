// Signs the current chain head (daily, on every export, on demand). Skips when nothing changed
// since the last signature unless `force`.
import type { Db } from '@/lib/db.ts';
import { GENESIS } from './chain.ts';
import { signHeadStatement, type SigningKey } from './signing.ts';

export async function signAuditHead(db: Db, key: SigningKey, reason: string, options: { force?: boolean } = {}) {
  const head = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const seq = head?.seq ?? 0n;
  const hash = head?.hash ?? GENESIS;
  if (!options.force) {
    const last = await db.auditSignature.findFirst({ orderBy: { signedAt: 'desc' } });
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    if (last && last.seq === seq && last.hash === hash && last.signedAt.getTime() > dayAgo) return last;
  }
  return db.auditSignature.create({
    data: {
      seq,
      hash,
      signature: signHeadStatement(key, seq, hash),
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
      reason,
    },
  });
}
