// Signs the current chain head (hourly when it moved, at least daily, on every export, on demand). Skips when
// nothing changed since the last signature unless `force`.
import type { Db } from '@/lib/db.ts';
import { GENESIS } from './chain.ts';
import { signHeadStatement, type SigningKey } from './signing.ts';

export async function signAuditHead(db: Db, key: SigningKey, reason: string, options: { force?: boolean } = {}) {
  // One signer at a time across instances (a transaction lock, safe through PgBouncer): two instances starting
  // together, or the hourly job meeting an export, never both sign an unchanged head.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('audit-head-sign'))`;
      const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
      const seq = head?.seq ?? 0n;
      const hash = head?.hash ?? GENESIS;
      if (!options.force) {
        const last = await tx.auditSignature.findFirst({ orderBy: { signedAt: 'desc' } });
        const dayAgo = Date.now() - 24 * 3600 * 1000;
        if (last && last.seq === seq && last.hash === hash && last.signedAt.getTime() > dayAgo) return last;
      }
      return tx.auditSignature.create({
        data: {
          seq,
          hash,
          signature: signHeadStatement(key, seq, hash),
          keyId: key.keyId,
          publicKey: key.publicKeyPem,
          reason,
        },
      });
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}
