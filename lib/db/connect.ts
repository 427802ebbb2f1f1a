// One way to reach the database for the app, the CLI and the tests: DATABASE_URL when set
// (nothing embedded is started), else the embedded server under the data dir.
import pg from 'pg';
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';
import { findRunningEmbedded, startEmbeddedPostgres } from './embedded.ts';

/** `sharedPort`: the embedded server was already running (another process owns it; stop leaves it running). */
export type DatabaseHandle = { url: string; embedded: boolean; sharedPort?: number; stop: () => Promise<void> };

/**
 * `shareRunning`: connect to the embedded server another process already runs on this data dir (the CLI beside
 * `npm start`). The app itself never shares: a server the CLI started stops when the command ends.
 */
export async function openDatabase(options: {
  dataDir: string;
  pgPassword: string;
  env?: Env;
  shareRunning?: boolean;
}): Promise<DatabaseHandle> {
  const env = options.env ?? process.env;
  if (env.DATABASE_URL) {
    await checkReachable(env.DATABASE_URL);
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const running = options.shareRunning
    ? await findRunningEmbedded({ dataDir: options.dataDir, password: options.pgPassword })
    : null;
  if (running) return { url: running.url, embedded: true, sharedPort: running.port, stop: async () => {} };
  const db = await startEmbeddedPostgres({ dataDir: options.dataDir, password: options.pgPassword });
  return { url: db.url, embedded: true, stop: db.stop };
}

export async function checkReachable(url: string, setting = 'DATABASE_URL'): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(setting, 'is not a valid postgresql:// URL');
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ConfigError(setting, 'must be a postgresql:// URL');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConfigError(
      setting,
      `cannot reach the PostgreSQL server at ${parsed.host}${parsed.pathname} (${code ?? (error as Error).message})`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
