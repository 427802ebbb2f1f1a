// Issue 20: two Tollgate instances (`npm start`'s own path, scripts/start.ts, each on its own port and data dir) on
// one PostgreSQL, sharing AUTH_SECRET, TOLLGATE_SECRET_KEY and the audit signing key. Instance A reaches the
// database directly; instance B through PgBouncer in transaction mode (test/pgbouncer.ts), with
// DIRECT_DATABASE_URL for its migrations, pg-boss and ingestion. A session made on one works on the other, the API
// rate limit is one budget, an import committed on one is visible on the other, scheduled jobs run once per period,
// and SIGKILL of an instance (its whole process group) in the middle of an evidence pack or of an import's commit
// loses nothing and leaves nothing half-written: the other instance takes the pack over, and both serve it whole
// from the packs folder they share (TOLLGATE_PACKS_DIR, decision 0038).
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded.ts';
import { CLEAR_LENGTH, newApiToken } from '@/lib/api/token-format.ts';
import { DEMO_ROLE_MAP } from '@/lib/demo-idp/users.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';
import { newSharedSecrets } from '@/scripts/shared-secrets.ts';
import { type AppServer, SIGN_IN_SETTINGS, startAppServer, waitHealthy } from './app-server.ts';
import { type Bouncer, findPgbouncer, PGBOUNCER_MISSING, startPgbouncer } from '@/test/pgbouncer.ts';

const BASE = Number(process.env.INSTANCES_E2E_PORT ?? 3700);
const RATE_LIMIT = 6;
const ROWS = 25_000;
const DIR = path.resolve('.test-data', `e2e-instances-${BASE}`);
/** The evidence-packs folder both instances mount, and how soon a silent pack worker's job is taken over. */
const PACKS = path.join(DIR, 'packs');
const STALE_SECONDS = 5;
const secrets = newSharedSecrets();

type Instance = AppServer;
let server: EmbeddedDatabase | null = null;
let bouncer: Bouncer | null = null;
let direct = '';
const instances: Instance[] = [];
let sql: pg.Client;
let bothUp = 0;

test.describe.configure({ mode: 'serial', timeout: 120_000 });
// CI installs pgbouncer (.ci/run); a machine without it says so rather than failing on a missing package.
test.skip(!findPgbouncer() && process.env.CI !== 'true', PGBOUNCER_MISSING);

/** Starts an instance; the caller puts it in `instances` (B takes its old place when it is restarted). */
function startInstance(name: string, port: number, databaseUrl: string, more: Record<string, string> = {}): Instance {
  return startAppServer({
    name,
    port,
    script: 'scripts/start.ts',
    env: {
      ...secrets,
      PORT: String(port),
      TOLLGATE_DEMO_IDP_PORT: String(port + 1),
      TOLLGATE_DATA_DIR: path.join(DIR, name),
      DATABASE_URL: databaseUrl,
      DIRECT_DATABASE_URL: direct,
      TOLLGATE_DEMO_DATA: '0',
      TOLLGATE_API_RATE_LIMIT: String(RATE_LIMIT),
      TOLLGATE_PACKS_DIR: PACKS,
      TOLLGATE_PACK_STALE_SECONDS: String(STALE_SECONDS),
      TOLLGATE_PACK_HEARTBEAT_MS: '500',
      ...more,
    },
    unset: [...SIGN_IN_SETTINGS, 'AUTH_URL', 'TOLLGATE_DEV'],
    // Its own process group, so SIGKILL reaches the start script and its Next server at once, as a crash would.
    detached: true,
  });
}

let startB: () => Instance = () => {
  throw new Error('B is configured in beforeAll');
};

const healthy = (instance: Instance) => waitHealthy(instance, 150_000);

function signal(instance: Instance, sig: NodeJS.Signals) {
  try {
    process.kill(-instance.child.pid!, sig);
  } catch {
    // already gone
  }
}

async function stopInstance(instance: Instance) {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return signal(instance, 'SIGKILL');
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  signal(instance, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  signal(instance, 'SIGKILL'); // whatever is left of the group
}

/** A workspace and an admin API token for it, written as fixtures (the demo role map makes tollgate-admins admin). */
async function seedToken(ws: string): Promise<string> {
  await sql.query('INSERT INTO "Workspace" (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [ws]);
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO "User" (id, issuer, subject, email, groups, "groupsClaim", "lastSignInAt") VALUES
     (gen_random_uuid(), 'http://localhost:0', $1, $1 || '@acme.example', ARRAY['tollgate-admins'], true, now())
     RETURNING id`,
    [`owner-${ws}`],
  );
  const token = newApiToken();
  await sql.query(
    `INSERT INTO "ApiToken" (id, label, "tokenHash", prefix, role, "workspaceId", "ownerId", "expiresAt")
     VALUES (gen_random_uuid(), $1, $2, $3, 'admin', $1, $4, now() + interval '1 day')`,
    [ws, createHash('sha256').update(token).digest('hex'), token.slice(0, CLEAR_LENGTH), rows[0]!.id],
  );
  return token;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true, mode: 0o755 });
  mkdirSync(path.join(DIR, 'postgres'), { mode: 0o755 });
  server = await startEmbeddedPostgres({ dataDir: path.join(DIR, 'postgres'), password: 'instances-e2e' });
  direct = server.url;
  bouncer = await startPgbouncer(direct);
  mkdirSync(PACKS, { mode: 0o700 });
  // One after the other, as a rolling start: the first migrates, the second finds the schema current.
  const a = startInstance('a', BASE, direct);
  instances.push(a);
  await healthy(a);
  // Both instances sign people in through one identity provider, as in production: B is configured for A's demo
  // provider (Tollgate keys users by issuer, so two demo providers would be two sets of people).
  const { demoClientSecret } = JSON.parse(readFileSync(path.join(DIR, 'a', 'secrets.json'), 'utf8')) as {
    demoClientSecret: string;
  };
  const pooled = bouncer.url;
  startB = () =>
    startInstance('b', BASE + 2, pooled, {
      OIDC_ISSUER: `http://localhost:${BASE + 1}`,
      OIDC_CLIENT_ID: 'tollgate-demo',
      OIDC_CLIENT_SECRET: demoClientSecret,
      OIDC_SCOPE: 'openid email profile groups',
      TOLLGATE_ROLE_MAP: DEMO_ROLE_MAP,
    });
  const b = startB();
  instances.push(b);
  await healthy(b);
  bothUp = Date.now();
  sql = new pg.Client({ connectionString: direct });
  await sql.connect();
});

test.afterAll(async () => {
  await sql?.end().catch(() => {});
  for (const instance of instances) await stopInstance(instance);
  await bouncer?.stop();
  await server?.stop();
});

test('a session made on one instance works on the other', async ({ page }) => {
  const [a, b] = instances;
  await page.goto(`${a!.base}/`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('button', { name: 'Sign in with the demo identity provider' }).click();
  await page.getByRole('button', { name: /Otto Auditor/ }).click();
  await page.waitForURL((url) => url.port === String(BASE) && !/^\/(sign-in|interaction|api\/auth)/.test(url.pathname));
  // The session cookie is the database session's token: instance B (through PgBouncer) knows it too.
  await page.goto(`${b!.base}/audit`);
  await expect(page).toHaveURL(`${b!.base}/audit`);
  await expect(page.getByRole('banner')).toContainText('Otto Auditor');
});

test('the API rate limit is one budget across instances', async () => {
  const token = await seedToken(`ws-rate-${Date.now().toString(36)}`);
  const auth = { authorization: `Bearer ${token}` };
  const remaining: string[] = [];
  for (let i = 0; i < RATE_LIMIT; i++) {
    const r = await fetch(`${instances[i % 2]!.base}/api/v1/workspaces`, { headers: auth });
    expect(r.status, await r.text()).toBe(200);
    remaining.push(/r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1] ?? '?');
  }
  // Each instance counted the other's requests: the budget ran down by one a request, wherever it was spent.
  expect(remaining).toEqual(Array.from({ length: RATE_LIMIT }, (_, i) => String(RATE_LIMIT - 1 - i)));
  for (const instance of instances) {
    const refused = await fetch(`${instance.base}/api/v1/workspaces`, { headers: auth });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }
});

/** One more admin token for the workspace's owner: a budget of its own under the shared rate limit. */
async function anotherToken(ws: string, label: string): Promise<string> {
  const token = newApiToken();
  await sql.query(
    `INSERT INTO "ApiToken" (id, label, "tokenHash", prefix, role, "workspaceId", "ownerId", "expiresAt")
     SELECT gen_random_uuid(), $1 || '-' || $2, $3, $4, 'admin', $1, "ownerId", now() + interval '1 day'
     FROM "ApiToken" WHERE label = $1`,
    [ws, label, createHash('sha256').update(token).digest('hex'), token.slice(0, CLEAR_LENGTH)],
  );
  return token;
}

function agentsCsv(run: string, rows: number): Buffer {
  const lines = ['agent_id,agent_name,owner_email,connected_apps'];
  for (let i = 0; i < rows; i++)
    lines.push(`${run}-${i},Agent ${i},owner${i % 50}@acme.example,${i % 3 ? 'Google Drive;Slack' : 'Gmail'}`);
  return Buffer.from(lines.join('\n'));
}

async function upload(base: string, token: string, csv: Buffer): Promise<string> {
  const r = await fetch(`${base}/api/v1/agent-imports?filename=agents.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: new Uint8Array(csv),
  });
  expect(r.status, await r.clone().text()).toBe(201);
  return ((await r.json()) as { import_id: string }).import_id;
}

function commit(base: string, token: string, importId: string) {
  return fetch(`${base}/api/v1/agent-imports/${importId}/commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ skip_invalid: false }),
  });
}

test('an import committed on one instance is visible on the other', async () => {
  const [a, b] = instances;
  const run = `vis${Date.now().toString(36)}`;
  const token = await seedToken(`ws-${run}`);
  const importId = await upload(b!.base, token, agentsCsv(run, 3));
  const committed = await commit(b!.base, token, importId);
  expect(committed.status, await committed.clone().text()).toBe(200);
  const seen = await fetch(`${a!.base}/api/v1/agents/${run}-2`, { headers: { authorization: `Bearer ${token}` } });
  expect(seen.status).toBe(200);
  expect(((await seen.json()) as { apps: string[] }).apps).toEqual(['Google Drive', 'Slack']);
});

test('scheduled jobs run once per period, and every instance signs the audit chain with the shared key', async () => {
  test.setTimeout(150_000);
  // Every-minute schedules (webhook deliveries, platform actions). Each instance's pg-boss checks the clock; a
  // period's tick is a "send-it" job keyed by its minute, and it makes that period's one job. Two instances each
  // making their own would leave more jobs than periods.
  const QUEUES = ['alert-deliveries', 'platform-actions'];
  const tally = async () =>
    (
      await sql.query<{ queue: string; periods: number; ticks: number; jobs: number; since: number }>(
        `WITH j AS (SELECT name, data, singleton_on, created_on FROM pgboss.job
                    UNION ALL SELECT name, data, singleton_on, created_on FROM pgboss.archive),
         t AS (SELECT data->>'name' AS queue, singleton_on FROM j WHERE name = '__pgboss__send-it')
         SELECT q AS queue,
           (SELECT count(DISTINCT singleton_on) FROM t WHERE t.queue = q)::int AS periods,
           (SELECT count(*) FROM t WHERE t.queue = q)::int AS ticks,
           (SELECT count(*) FROM j WHERE j.name = q)::int AS jobs,
           (SELECT count(*) FROM j WHERE j.name = q AND j.created_on > $2)::int AS since
         FROM unnest($1::text[]) AS q ORDER BY q`,
        [QUEUES, new Date(bothUp)],
      )
    ).rows;
  // Wait until each queue has a job made while both instances ran.
  await expect
    .poll(async () => (await tally()).filter((r) => r.since > 0).length, { timeout: 130_000, intervals: [2000] })
    .toBe(QUEUES.length);
  for (const row of await tally()) {
    expect(row.ticks, `${row.queue}: one tick per period`).toBe(row.periods);
    expect(row.jobs, `${row.queue}: no more jobs than periods`).toBeLessThanOrEqual(row.periods);
  }
  // Both instances signed the head at start: with the one shared key, whichever instance signed.
  const keyId = createHash('sha256')
    .update(createPublicKey(secrets.TOLLGATE_AUDIT_SIGNING_KEY).export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const keys = await sql.query<{ keyId: string }>('SELECT DISTINCT "keyId" FROM "AuditSignature"');
  expect(keys.rows.map((r) => r.keyId)).toEqual([`sha256:${keyId}`]);
  // Sizing figures for the README: server connections by application, and each instance's resident memory.
  const connections = await sql.query(
    `SELECT coalesce(nullif(application_name, ''), '(app pool)') AS application, count(*)::int AS connections
     FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`,
  );
  console.log('instances e2e — connections:', JSON.stringify(connections.rows));
  for (const instance of instances) console.log(`instances e2e — ${instance.name} RSS:`, groupRss(instance), 'MB');
});

/** Resident memory of an instance's process group (start script + Next), in MB. */
function groupRss(instance: Instance): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(instance.child.pid)], { encoding: 'utf8' });
  return Math.round(out.split('\n').reduce((sum, l) => sum + (Number(l.trim()) || 0), 0) / 1024);
}

type PackRow = {
  status: string;
  worker: string | null;
  attempt: number;
  files: number;
  fileCount: number;
  history: { attempt: number; worker: string; takenOverFrom: string | null }[];
  sha256: string | null;
  manifestSha256: string | null;
};

/** The process group of a process (the fifth field of /proc/<pid>/stat, after the command's parenthesis). */
const groupOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
};

/** Running, not a zombie: a killed process whose parent died too may wait a while for someone to reap it. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
};

test('SIGKILL of an instance in the middle of a pack: the other takes it over, and both serve it whole', async () => {
  test.setTimeout(150_000);
  const [a, b] = instances;
  const ws = `ws-pack${Date.now().toString(36)}`;
  const auth = { authorization: `Bearer ${await seedToken(ws)}` };
  // Each token may make RATE_LIMIT requests a minute: the takeover and the downloads use tokens of their own.
  const wakeAuth = { authorization: `Bearer ${await anotherToken(ws, 'wake')}` };
  const lastAuth = { authorization: `Bearer ${await anotherToken(ws, 'last')}` };
  const packRow = async (id: string) =>
    (
      await sql.query<PackRow>(
        `SELECT status, worker, attempt, files, "fileCount", history, sha256, "manifestSha256" FROM "PackJob"
         WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const download = (instance: Instance, id: string, headers = auth) =>
    fetch(`${instance.base}/api/v1/evidence-packs/${id}/download?ws=${ws}`, { headers });
  // A running period: the pack evaluates the posture as it is asked, no snapshot needed.
  const period = { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 86_400_000) };
  const started = await fetch(`${b!.base}/api/v1/evidence-packs?ws=${ws}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ framework: 'all', from: period.from.toISOString(), to: period.to.toISOString() }),
  });
  expect(started.status, await started.clone().text()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  // Not served while it runs. Asked now: the API records a token's first read of a minute in the audit log, which
  // the lock below would hold up. (Not A yet: asked about a queued pack, A would wake its own worker to write it.)
  expect((await download(b!, id)).status).toBe(409);
  // B's pack worker is held at a known point with no hook in the product: a pack reads the audit log only for its
  // last evidence set, so this lock (taken while the worker is still starting) stops it there, every file before
  // written into its .part file, its heartbeat going on. Nothing asks the API while the lock is held.
  const holder = new pg.Client({ connectionString: direct });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE "AuditEvent" IN ACCESS EXCLUSIVE MODE');
  const waiting = async () =>
    (
      await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE '%"AuditEvent"%'`,
      )
    ).rows[0]!.n;
  // Every file before the audit log's two is written (after them: the sources set's two, the OSCAL file and the
  // report's two — lib/evidence/assemble.ts).
  const before = (await packRow(id)).fileCount - 7;
  await expect.poll(async () => (await packRow(id)).files, { timeout: 60_000, intervals: [200] }).toBe(before);
  expect(await waiting()).toBeGreaterThan(0);
  const held = await packRow(id);
  expect(held).toMatchObject({ status: 'running', attempt: 1 });
  const parts = readdirSync(PACKS).filter((f) => f.startsWith(id));
  expect(parts).toHaveLength(1);
  expect(parts[0]).toMatch(/\.part$/);
  expect(statSync(path.join(PACKS, parts[0]!)).size).toBeGreaterThan(0);
  expect((await download(a!, id)).status).toBe(409);

  // B dies whole: its start script, its Next server and the pack worker under it.
  const workerPid = Number(held.worker!.split(':')[1]);
  expect(alive(workerPid)).toBe(true);
  expect(groupOf(workerPid), 'the worker holding the pack is B’s').toBe(b!.child.pid);
  signal(b!, 'SIGKILL');
  await expect.poll(() => alive(workerPid), { timeout: 10_000 }).toBe(false);
  await holder.query('COMMIT');
  await holder.end();
  // Once B's heartbeat is older than the stale delay, A, asked for the pack, wakes its worker, which takes it over.
  await expect
    .poll(
      async () =>
        (
          await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "PackJob"
             WHERE id = $1 AND "heartbeatAt" < now() - make_interval(secs => $2)`,
            [id, STALE_SECONDS],
          )
        ).rows[0]!.n,
      { timeout: 30_000, intervals: [250] },
    )
    .toBe(1);
  await expect
    .poll(
      async () => {
        await fetch(`${a!.base}/api/v1/evidence-packs/${id}?ws=${ws}`, { headers: wakeAuth });
        return (await packRow(id)).attempt;
      },
      { timeout: 30_000, intervals: [4000] },
    )
    .toBe(2);
  // B restarts meanwhile (a rolling restart), to show that the restarted instance serves the pack too. While A's
  // worker writes it again, nothing half-written is served.
  const restarted = startB();
  instances[1] = restarted;
  const early = (await packRow(id)).status === 'running' ? (await download(a!, id, wakeAuth)).status : 409;
  expect(early).toBe(409);
  await expect.poll(async () => (await packRow(id)).status, { timeout: 60_000, intervals: [250] }).toBe('done');
  const done = await packRow(id);
  expect(done.attempt).toBe(2);
  expect(done.worker).not.toBe(held.worker);
  expect(done.history).toEqual([
    expect.objectContaining({ attempt: 1, worker: held.worker, takenOverFrom: null }),
    expect.objectContaining({ attempt: 2, worker: done.worker, takenOverFrom: held.worker }),
  ]);
  expect(readdirSync(PACKS).filter((f) => f.startsWith(id))).toEqual([`${id}.zip`]);

  // The ZIP from A is the one recorded, and it verifies against the shared signing key; B serves the same bytes.
  const fromA = await download(a!, id, lastAuth);
  expect(fromA.status).toBe(200);
  const zip = Buffer.from(await fromA.arrayBuffer());
  expect(createHash('sha256').update(zip).digest('hex')).toBe(done.sha256);
  const file = path.join(DIR, `${id}.zip`);
  writeFileSync(file, zip);
  const trusted = createPublicKey(secrets.TOLLGATE_AUDIT_SIGNING_KEY).export({ type: 'spki', format: 'pem' });
  const verified = await verifyPack(file, { trustedPublicKeyPem: trusted.toString() });
  expect(verified).toMatchObject({ ok: true, manifestSha256: done.manifestSha256 });
  await healthy(restarted);
  const fromB = await download(restarted, id, lastAuth);
  expect(fromB.status).toBe(200);
  expect(Buffer.from(await fromB.arrayBuffer()).equals(zip)).toBe(true);
});

test('SIGKILL of an instance in the middle of a commit loses nothing and leaves nothing half-written', async () => {
  test.setTimeout(150_000);
  const [a, b] = instances;
  const run = `kill${Date.now().toString(36)}`;
  const ws = `ws-${run}`;
  const token = await seedToken(ws);
  const importId = await upload(b!.base, token, agentsCsv(run, ROWS));
  const pending = commit(b!.base, token, importId).then(
    (r) => r.status,
    () => 'no answer',
  );
  // The commit's transaction holds the workspace's import lock (pg_advisory_xact_lock(hashtext('agents:<ws>'))) from
  // its first statement to its last: once it has held it a moment, kill B in the middle of it.
  await expect
    .poll(
      async () =>
        (
          await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
             AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext($1)::bigint
             AND a.xact_start < now() - interval '200 milliseconds'`,
            [`agents:${ws}`],
          )
        ).rows[0]!.n,
      { timeout: 60_000, intervals: [25] },
    )
    .toBeGreaterThan(0);
  signal(b!, 'SIGKILL');
  expect(await pending).toBe('no answer');
  // Nothing half-written: PostgreSQL rolled the transaction back when its connection died.
  const count = async () =>
    (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Agent" WHERE "workspaceId" = $1', [ws])).rows[0]!
      .n;
  await expect.poll(count, { timeout: 20_000 }).toBe(0);
  const stored = await sql.query<{ status: string }>('SELECT status FROM "InventoryImport" WHERE id = $1', [importId]);
  expect(stored.rows[0]!.status).toBe('preview');
  // Nothing lost: the upload is still there, and the surviving instance commits it whole.
  const again = await commit(a!.base, token, importId);
  expect(again.status, await again.clone().text()).toBe(200);
  expect(((await again.json()) as { counts: { created: number } }).counts.created).toBe(ROWS);
  expect(await count()).toBe(ROWS);
  // Sizing for the README: what the agents of this database take on disk, tables and indexes together.
  const disk = await sql.query<{ agents: number; mb: number }>(
    `SELECT (SELECT count(*)::int FROM "Agent") AS agents, round(sum(pg_total_relation_size(c.oid)) / 1048576.0)::int
     AS mb FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'Agent%'`,
  );
  console.log('instances e2e — agent tables:', JSON.stringify(disk.rows[0]));
});
