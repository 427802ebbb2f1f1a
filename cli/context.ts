// Opens the database for one command the way the app does: DATABASE_URL, else the embedded server of the data
// dir — the one already running (under `npm start`) when there is one, else one of its own for the command.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSigningKey, type SigningKey } from '@/lib/audit/signing.ts';
import { openDatabase } from '@/lib/db/connect.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';
import { dataDirPath, resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { directDatabaseUrl } from '@/lib/runtime/database-urls.ts';
import { loadSecrets } from '@/lib/runtime/secrets.ts';

/**
 * `signingKey()`: the install's audit signing key, loaded only by the commands that sign or verify.
 * `secretKey()`: the key that seals the Compliance API keys (TOLLGATE_SECRET_KEY), for the commands that use them.
 */
export type CliContext = {
  db: Db;
  dataDir: string;
  url: string;
  signingKey: () => SigningKey;
  secretKey: () => string;
};

export async function withDatabase<T>(
  run: (ctx: CliContext) => Promise<T>,
  options: { migrate?: boolean } = { migrate: true },
  env: Env = process.env,
): Promise<T> {
  // With DATABASE_URL the data dir holds nothing the command needs: it is neither created nor written to.
  const dataDir = env.DATABASE_URL ? dataDirPath(env) : resolveDataDir(env);
  const pgPassword = env.DATABASE_URL ? '' : loadSecrets(dataDir, env).pgPassword;
  const handle = await openDatabase({ dataDir, pgPassword, env, shareRunning: true });
  if (handle.sharedPort !== undefined)
    console.error(`Using the embedded PostgreSQL of the running Tollgate (${dataDir}, port ${handle.sharedPort}).`);
  const db = createDb(handle.url);
  // Migrations and ingestion hold session state: with a transaction pooler in DATABASE_URL, they go direct.
  const url = env.DATABASE_URL ? directDatabaseUrl(env)! : handle.url;
  try {
    if (options.migrate) await migrate(url);
    return await run({
      db,
      dataDir,
      url,
      signingKey: () => cliSigningKey(dataDir, env),
      secretKey: () => cliSecretKey(dataDir, env),
    });
  } finally {
    await db.$disconnect();
    await handle.stop();
  }
}

/**
 * The key of the install whose database this is. The embedded database's install keeps it in its data dir
 * (generated there on first use, as `npm start` does). With DATABASE_URL a key generated here would be a
 * stranger's — packs signed by nobody the install knows, and every signed head reported as a bad signature —
 * so the key comes from TOLLGATE_AUDIT_SIGNING_KEY or an existing key file, and is never created.
 */
export function cliSigningKey(dataDir: string, env: Env = process.env): SigningKey {
  const file = path.join(dataDir, 'audit-signing-key.pem');
  if (env.DATABASE_URL && !env.TOLLGATE_AUDIT_SIGNING_KEY && !existsSync(file)) {
    throw new ConfigError(
      'TOLLGATE_AUDIT_SIGNING_KEY',
      `is not set and ${file} does not exist; with DATABASE_URL set this command needs the audit signing key ` +
        'of the Tollgate that uses that database, so set TOLLGATE_AUDIT_SIGNING_KEY to it',
    );
  }
  return loadSigningKey(dataDir, env);
}

/**
 * The install's secret key, which sealed the stored Compliance API keys. As with the signing key, with DATABASE_URL
 * a key made up here would open nothing, so it must come from TOLLGATE_SECRET_KEY.
 */
export function cliSecretKey(dataDir: string, env: Env = process.env): string {
  if (env.DATABASE_URL && !env.TOLLGATE_SECRET_KEY)
    throw new ConfigError(
      'TOLLGATE_SECRET_KEY',
      'is not set; with DATABASE_URL set this command needs the secret key of the Tollgate that uses that database',
    );
  return loadSecrets(dataDir, env).secretKey;
}
