// What the Sources page and the CLI may know of the keys: whether each is stored, the origin they are bound to, and
// the last "Test connection" of each. Never a key, nor its ciphertext.
import type { Db } from '@/lib/db.ts';
import { type KeyTests, parseKeyTests } from './key-tests.ts';

export type KeyStatus = { hasReadKey: boolean; hasActKey: boolean; keyOrigin: string | null; tests: KeyTests };

export async function keyStatusOf(db: Db, workspaceId: string): Promise<KeyStatus | null> {
  const rows = await db.$queryRaw<
    { hasReadKey: boolean; hasActKey: boolean; keyOrigin: string | null; keyTests: unknown }[]
  >`SELECT "keyCiphertext" <> '' AS "hasReadKey", "actKeyCiphertext" IS NOT NULL AS "hasActKey",
       "keyOrigin", "keyTests"
     FROM "ComplianceSource" WHERE "workspaceId" = ${workspaceId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    hasReadKey: row.hasReadKey,
    hasActKey: row.hasActKey,
    keyOrigin: row.keyOrigin,
    tests: parseKeyTests(row.keyTests),
  };
}
