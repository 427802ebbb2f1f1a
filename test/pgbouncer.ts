// PgBouncer in transaction-pooling mode in front of a test PostgreSQL, on a free port, its config and userlist in a
// temp dir. The binary is Debian's (`apt-get install pgbouncer`, which .ci/run does when it is missing). Each
// transaction may run on a different server connection, as behind a managed pooler: what breaks there (a session
// advisory lock, a named prepared statement, a temp table kept between transactions) breaks here too.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@/lib/db/embedded.ts';

export type Bouncer = { url: string; port: number; stop: () => Promise<void> };

const CANDIDATES = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'];

/** The pgbouncer binary (PGBOUNCER, else Debian's place, else PATH), or null when none is installed. */
export function findPgbouncer(): string | null {
  const named = process.env.PGBOUNCER;
  if (named) return existsSync(named) ? named : null;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  try {
    return execFileSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const PGBOUNCER_MISSING =
  'pgbouncer is not installed: `sudo apt-get install -y pgbouncer` (Debian/Ubuntu; .ci/run does it), ' +
  'or point PGBOUNCER at the binary';

/** Starts PgBouncer (transaction mode) in front of the server of `serverUrl`; its URL names the same database. */
export async function startPgbouncer(serverUrl: string, options: { poolSize?: number } = {}): Promise<Bouncer> {
  const bin = findPgbouncer();
  if (!bin) throw new Error(PGBOUNCER_MISSING);
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-pgbouncer-'));
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(path.join(dir, 'userlist.txt'), `${quote(user)} ${quote(password)}\n`, { mode: 0o600 });
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // Any database name goes to the same server, as the tests name their own databases.
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'max_client_conn = 1000',
      // node-postgres and pg-boss may send these; PgBouncer 1.18 refuses unknown startup parameters.
      'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      `admin_users = ${user}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: as root it runs as `postgres` (as the embedded server does), owning its dir.
  const args = [path.join(dir, 'pgbouncer.ini')];
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const f of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(path.join(dir, f), uid, gid);
    chmodSync(dir, 0o700);
    args.unshift('-u', 'postgres');
  }
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const url = new URL(serverUrl);
  url.port = String(port);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM'); // immediate shutdown: the tests are done with it
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return { url: url.toString(), port, stop };
    } catch (error) {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) {
        const log = existsSync(path.join(dir, 'pgbouncer.log'))
          ? readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8').slice(-2000)
          : '';
        await stop();
        throw new Error(`pgbouncer did not start (${(error as Error).message}):\n${stderr}${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
