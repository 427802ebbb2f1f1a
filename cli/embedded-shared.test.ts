// The CLI beside a running Tollgate: `npm start` holds the embedded PostgreSQL of its data dir, and `tollgate …`
// in another terminal must use that server (saying so), not fail trying to start a second one on the same
// files; with no server running it starts its own and stops it after. With DATABASE_URL it never invents a key.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded.ts';
import { loadSecrets } from '@/lib/runtime/secrets.ts';
import { createTestDatabase } from '@/test/db.ts';

const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-shared-'));
chmodSync(dataDir, 0o755);
const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
let server: EmbeddedDatabase | null = null;

type Result = { code: number; stdout: string; stderr: string };
function run(args: string[], env: Record<string, string>, cwd = dataDir): Promise<Result> {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'TOLLGATE_DATA_DIR', 'TOLLGATE_AUDIT_SIGNING_KEY']) delete base[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...base, ...env }, cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // What `npm start` does with the embedded database: secrets in the data dir, its server on a port of its own.
  server = await startEmbeddedPostgres({ dataDir, password: loadSecrets(dataDir).pgPassword });
}, 120_000);
afterAll(async () => server?.stop());

describe('tollgate beside a running embedded server', { timeout: 120_000 }, () => {
  it('uses the running server of the same data dir, says so, and leaves it running', async () => {
    const pid = readFileSync(pidFile, 'utf8').split('\n')[0];
    const env = { TOLLGATE_DATA_DIR: dataDir };
    const added = await run(
      ['workspaces', 'add', '--id', 'ws-beside', '--name', 'Beside', '--principal', 'p-beside'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain(
      `Using the embedded PostgreSQL of the running Tollgate (${dataDir}, port ${server!.port}).`,
    );
    expect(added.stdout).toContain('Workspace Beside (ws-beside) added.');

    // Written into the running server's database, audited with the CLI as actor, as Settings would.
    expect(await query(server!.url, 'SELECT id, name, kind, principal FROM "Workspace"')).toEqual([
      { id: 'ws-beside', name: 'Beside', kind: 'workspace', principal: 'p-beside' },
    ]);
    const [audit] = await query<{ actorLabel: string }>(
      server!.url,
      `SELECT "actorLabel" FROM "AuditEvent" WHERE action = 'workspace.create' AND "targetId" = 'ws-beside'`,
    );
    expect(audit!.actorLabel).toMatch(/^cli:/);
    // The same server process still runs: the CLI neither started another nor stopped this one.
    expect(readFileSync(pidFile, 'utf8').split('\n')[0]).toBe(pid);
    expect(await query(server!.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    const listed = await run(['workspaces', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([{ id: 'ws-beside', name: 'Beside' }]);
    expect(await run(['workspaces', 'add', '--id', 'ws-beside', '--name', 'Again'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('A workspace with id ws-beside already exists.'),
    });
    expect(await run(['workspaces', 'add', '--id', 'WS Bad', '--name', 'Bad'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Id: 2–63 lowercase letters, digits or dashes.'),
    });
    expect(await run(['workspaces', 'add', '--name', 'No id'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("required option '--id <ID>' not specified"),
    });
  });

  it('starts its own server when none runs, and stops it when the command ends', async () => {
    await server!.stop();
    server = null;
    expect(existsSync(pidFile)).toBe(false);
    // A pid file left by a server killed with -9 names a process that is gone: not a server to use.
    writeFileSync(pidFile, `4100000\n${path.dirname(pidFile)}\n1765000000\n1\n\n127.0.0.1\n0 0\nready   \n`);
    const listed = await run(['workspaces', '--json'], { TOLLGATE_DATA_DIR: dataDir });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).not.toContain('Using the embedded PostgreSQL');
    expect(JSON.parse(listed.stdout)).toEqual([{ id: 'ws-beside', name: 'Beside' }]);
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe('tollgate with DATABASE_URL and no data directory', { timeout: 60_000 }, () => {
  it('refuses to sign or verify without the install key, naming its variable, and creates nothing', async () => {
    const url = await createTestDatabase('cli_nokey');
    const cwd = mkdtempSync(path.join(tmpdir(), 'tollgate-nokey-'));
    const refused = await run(['audit', 'verify'], { DATABASE_URL: url }, cwd);
    expect(refused.code).toBe(1);
    // One sentence, naming the variable first and last.
    expect(refused.stderr.trim()).toMatch(/^tollgate: TOLLGATE_AUDIT_SIGNING_KEY: is not set and \S+ does not exist; /);
    expect(refused.stderr.trim()).toMatch(/, so set TOLLGATE_AUDIT_SIGNING_KEY to it\.$/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(cwd, '.data'))).toBe(false);
    const pack = await run(
      [
        'evidence',
        'pack',
        '--framework',
        'soc2',
        '--from',
        '2026-01-01',
        '--to',
        '2026-02-01',
        '--out',
        path.join(cwd, 'p.zip'),
      ],
      { DATABASE_URL: url },
      cwd,
    );
    expect(pack).toMatchObject({ code: 1, stderr: expect.stringContaining('TOLLGATE_AUDIT_SIGNING_KEY') });
    expect(existsSync(path.join(cwd, 'p.zip'))).toBe(false);
    expect(existsSync(path.join(cwd, '.data'))).toBe(false);

    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const verified = await run(
      ['audit', 'verify', '--json'],
      { DATABASE_URL: url, TOLLGATE_AUDIT_SIGNING_KEY: key },
      cwd,
    );
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    expect(existsSync(path.join(cwd, '.data'))).toBe(false);
  });
});
