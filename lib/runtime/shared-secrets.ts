// With DATABASE_URL (an external database, so possibly several instances on it) the secrets every instance must
// share come from the environment, never from a data dir: an instance that generated its own would refuse the
// others' sign-in cookies, fail to open the API keys they sealed and sign the audit chain with a stranger's key.
// The embedded default (no DATABASE_URL) keeps generating them into its data dir (secrets.ts, lib/audit/signing.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from './config-error.ts';

type Shared = { setting: string; file: string; how: string };

export const SHARED_SECRETS: readonly Shared[] = [
  { setting: 'AUTH_SECRET', file: 'secrets.json', how: '`openssl rand -base64 32`' },
  { setting: 'TOLLGATE_SECRET_KEY', file: 'secrets.json', how: '`openssl rand -base64 32`' },
  {
    setting: 'TOLLGATE_AUDIT_SIGNING_KEY',
    file: 'audit-signing-key.pem',
    how: 'an Ed25519 private key in PKCS#8 PEM, `openssl genpkey -algorithm ed25519`',
  },
];

/** Throws a ConfigError naming the first shared secret missing when DATABASE_URL is set; nothing otherwise. */
export function assertSharedSecrets(dataDir: string, env: Env = process.env): void {
  if (!env.DATABASE_URL) return;
  const missing = SHARED_SECRETS.filter((s) => !env[s.setting]);
  const first = missing[0];
  if (!first) return;
  const others = missing.slice(1).map((s) => s.setting);
  const also = others.length ? ` (${others.join(' and ')} too)` : '';
  // An install that ran alone on DATABASE_URL before generated its values here: they are the ones to share.
  const file = path.join(dataDir, first.file);
  const earlier = existsSync(file) ? `; this install's earlier value is in ${file}` : '';
  throw new ConfigError(
    first.setting,
    `must be set when DATABASE_URL is set${also}: every Tollgate instance on that database needs the same value, ` +
      `so none generates its own (${first.how})${earlier}`,
  );
}
