// The three secrets every Tollgate instance on one database shares (docs/decisions/0031), made fresh: the benches
// and tests that start Tollgate on DATABASE_URL use them, and `npx tsx scripts/shared-secrets.ts` prints them as
// environment lines for an operator to store once in their secret manager.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export function newSharedSecrets(): Record<
  'AUTH_SECRET' | 'TOLLGATE_SECRET_KEY' | 'TOLLGATE_AUDIT_SIGNING_KEY',
  string
> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    TOLLGATE_SECRET_KEY: randomBytes(32).toString('base64url'),
    TOLLGATE_AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // One line each: the PEM's line breaks as \n, which lib/audit/signing.ts reads back.
  for (const [name, value] of Object.entries(newSharedSecrets()))
    console.log(`${name}='${value.trim().replaceAll('\n', '\\n')}'`);
}
