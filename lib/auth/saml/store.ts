// What SAML sign-in keeps in PostgreSQL, so every instance shares it: the AuthnRequests awaiting an answer
// (each bound to the browser that asked, used once) and the assertions already accepted (a replay guard).
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { CacheProvider } from '@node-saml/node-saml';
import type { Db } from '@/lib/db.ts';
import { REQUEST_TTL_MS } from './sp.ts';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** A fresh browser-binding secret: its hash goes into the row, the secret itself into a cookie. */
export function newBinding(): string {
  return randomBytes(32).toString('base64url');
}

/** node-saml's request cache over SamlRequest. Saving needs the browser's binding and the callback path; a lookup
 *  finds only an unexpired, unused request of this browser. Removal is not node-saml's to do: the ACS consumes the
 *  request itself, atomically, once the whole response is judged (consumeRequest). */
export function requestCache(db: Db, binding: string | null, callbackUrl = '/'): CacheProvider {
  return {
    async saveAsync(key, value) {
      if (!binding) throw new Error('a SAML request needs a browser binding');
      const createdAt = new Date(value);
      await db.samlRequest.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await db.samlRequest.create({
        data: {
          id: key,
          bindingHash: sha256(binding),
          callbackUrl,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + REQUEST_TTL_MS),
        },
      });
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(key) {
      if (!binding) return null;
      const row = await db.samlRequest.findFirst({
        where: { id: key, bindingHash: sha256(binding), usedAt: null, expiresAt: { gt: new Date() } },
      });
      return row ? row.createdAt.toISOString() : null;
    },
    async removeAsync() {
      return null;
    },
  };
}

/** Marks the request used; null when it was already used, expired, unknown or another browser's. */
export async function consumeRequest(
  db: Db,
  id: string,
  binding: string | null,
): Promise<{ callbackUrl: string } | null> {
  if (!binding) return null;
  const rows = await db.$queryRaw<{ callbackUrl: string }[]>`
    UPDATE "SamlRequest" SET "usedAt" = now()
    WHERE id = ${id} AND "bindingHash" = ${sha256(binding)} AND "usedAt" IS NULL AND "expiresAt" > now()
    RETURNING "callbackUrl"`;
  return rows[0] ?? null;
}

/** Records an accepted assertion's ID until it expires; false when it was seen before (a replay). */
export async function rememberAssertion(
  db: Db,
  issuer: string,
  assertionId: string,
  expiresAt: Date,
): Promise<boolean> {
  await db.samlAssertionSeen.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const rows = await db.$executeRaw`
    INSERT INTO "SamlAssertionSeen" (issuer, "assertionId", "expiresAt")
    VALUES (${issuer}, ${assertionId}, ${expiresAt})
    ON CONFLICT DO NOTHING`;
  return rows === 1;
}
