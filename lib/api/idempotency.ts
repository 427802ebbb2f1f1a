// Idempotency-Key on POST: the first answer under a key is stored (24 hours) and replayed to a retry with the same
// request; the same key with another request is refused (422); a retry while the first still runs gets 409.
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db.ts';
import { ApiProblem } from './problem.ts';

export const IDEMPOTENCY_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type Stored = { status: number; body: string | null; headers: Record<string, string> };

export function idempotencyKey(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY_SHAPE.test(key))
    throw new ApiProblem('invalid-request', 'Idempotency-Key: 1 to 255 visible ASCII characters.', {
      errors: [{ field: 'header.Idempotency-Key', message: '1 to 255 visible ASCII characters' }],
    });
  return key;
}

export function requestHash(parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** Claims `key` for this request: null when it is new (run it, then `finish`), or the stored answer to replay. */
export async function claim(db: Db, tokenId: string, key: string, hash: string): Promise<Stored | null> {
  const cutoff = new Date(Date.now() - IDEMPOTENCY_HOURS * 3_600_000);
  await db.apiIdempotency.deleteMany({ where: { tokenId, key, createdAt: { lt: cutoff } } });
  const inserted = await db.$executeRaw`
    INSERT INTO "ApiIdempotency" ("tokenId", key, "requestHash") VALUES (${tokenId}::uuid, ${key}, ${hash})
    ON CONFLICT DO NOTHING`;
  if (inserted === 1) return null;
  const row = await db.apiIdempotency.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (!row) return claim(db, tokenId, key, hash); // expired and deleted between the two statements
  if (row.requestHash !== hash)
    throw new ApiProblem('idempotency-key-reused', 'This Idempotency-Key was used for a different request.');
  if (row.status === null)
    throw new ApiProblem('idempotency-in-progress', 'The first request with this Idempotency-Key is still running.');
  return { status: row.status, body: row.body, headers: (row.headers ?? {}) as Record<string, string> };
}

/** Stores the answer; a 5xx is not kept (the key is released so a retry runs again). */
export async function finish(db: Db, tokenId: string, key: string, answer: Stored | null): Promise<void> {
  if (!answer || answer.status >= 500) {
    await db.apiIdempotency.deleteMany({ where: { tokenId, key, status: null } });
    return;
  }
  await db.apiIdempotency.update({
    where: { tokenId_key: { tokenId, key } },
    data: { status: answer.status, body: answer.body, headers: answer.headers },
  });
}
