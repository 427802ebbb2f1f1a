// Pages bench (issue 20, item 4): the dashboard's busiest pages under an open-loop load of 20 requests/s for 60 s
// each, on a fleet of agents and events, beside /api/health. The server is the real one (`scripts/start.ts`, its
// own TOLLGATE_DIST_DIR) on a throwaway embedded PostgreSQL holding a generated fleet (bench/fleet.ts), or on a
// standing fleet given by --database-url (bench/fleet/keep.ts: read-mostly, this bench adds a user and a session
// per role and a posture snapshot if there is none). Writes its rows into section 11 of bench/RESULTS.md; a page
// not measured in this run keeps its earlier row. A non-2xx answer or a failed request fails the run.
// Usage: npm run bench:pages -- [--agents 100000] [--events 1000000] [--database-url URL] [--seconds 60]
//   [--rate 20] [--only agents,agents-deep,overview-ciso,reviews,findings,alerts,…] [--results FILE]
// --seconds 0 measures one user only and writes nothing (a profile beside a running server, without the load).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashSessionToken } from '@/lib/auth/session-token.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { DEMO_ROLE_MAP } from '@/lib/demo-idp/users.ts';
import { takeSnapshot } from '@/lib/posture/snapshot.ts';
import { ensureBuild } from '@/scripts/build.ts';
import { newSharedSecrets } from '@/scripts/shared-secrets.ts';
import { BENCH_WS, loadFleet } from './fleet.ts';
import { goal, writeBenchResult } from './glance-result.ts';
import { describeMachine } from './machine.ts';
import { row } from './markdown.ts';
import { openLoad, sequentialMedian, type LoadRun } from './pages/load.ts';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100000' },
    events: { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '20' },
    only: { type: 'string' },
    port: { type: 'string', default: '3631' },
    /** Where to write the section (a trial run at a small size writes elsewhere). */
    results: { type: 'string', default: process.env.BENCH_RESULTS_MD ?? path.join(import.meta.dirname, 'RESULTS.md') },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const PORT = Number(values.port);
const GOAL_MS = 200;
const HEALTH_RATE = 2;
// Two cores serve 20 requests/s only if each costs under ~100 ms; a page whose one request takes longer than this
// would queue without end (and keep the server busy into the next page's run): its load is not run, and it fails.
const UNLOADABLE_MS = 400;
const RESULTS = values.results;
const BEGIN = '<!-- pages:begin -->';
const END = '<!-- pages:end -->';
const ROWS = '<!-- pages:rows -->';
const log = (s: string) => console.log(`bench:pages: ${s}`);
// lib/workspaces/current.ts's WORKSPACE_COOKIE (that module is server-only: it reads the request's cookies).
const WORKSPACE_COOKIE = 'tollgate_ws';

const ROLES = ['admin', 'reviewer', 'ciso', 'grc', 'auditor', 'incident-commander'] as const satisfies Role[];
const groupOf = (role: Role) =>
  DEMO_ROLE_MAP.split(',')
    .find((pair) => pair.endsWith(`=${role}`))!
    .split('=')[0]!;

type Page = { key: string; label: string; path: string; role: Role; marker: string };
// The Agents page as its DataTable spells a view in the URL (lib/agents/filter.ts filterQuery): the default view,
// and several filters with a sort and a page deep in the list.
const AGENTS_DEEP = '/agents?kind=workspace_agent&status=published&legs=3&sort=updated&dir=asc&page=200';
const PAGES: Page[] = [
  {
    key: 'agents',
    label: 'Agents (default view)',
    path: '/agents',
    role: 'reviewer',
    marker: 'Export this view (CSV)',
  },
  {
    key: 'agents-deep',
    label: 'Agents (kind, status, legs; by updated; page 200)',
    path: AGENTS_DEEP,
    role: 'reviewer',
    marker: 'Export this view (CSV)',
  },
  // Every role that has an Overview: an incident commander's is a redirect to their first section.
  ...ROLES.filter((role) => role !== 'incident-commander').map((role) => ({
    key: `overview-${role}`,
    label: `Overview as ${role}`,
    path: '/',
    role,
    marker: '<main',
  })),
  { key: 'reviews', label: 'Reviews queue', path: '/reviews', role: 'reviewer', marker: 'Review queue' },
  { key: 'findings', label: 'Findings', path: '/findings', role: 'grc', marker: 'Findings' },
  { key: 'alerts', label: 'Alerts', path: '/alerts', role: 'incident-commander', marker: 'Alerts' },
];
const only = values.only?.split(',').map((s) => s.trim());
const pages = only ? PAGES.filter((p) => only.includes(p.key)) : PAGES;
if (only && pages.length !== only.length)
  throw new Error(`--only names unknown pages; known: ${PAGES.map((p) => p.key).join(', ')}`);

let workDir: string | null = null;
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
let app: ReturnType<typeof spawn> | null = null;
let url = values['database-url'];
let fleet: string;
const sessionIds: string[] = [];
let exitCode = 0;
type Measured = { page: Page; run: LoadRun | null; health: LoadRun | null; alone: number; load: number };
try {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-pages-'));
  chmodSync(workDir, 0o755);
  if (!url) {
    const dataDir = path.join(workDir, 'pg');
    mkdirSync(dataDir, { mode: 0o755 });
    embedded = await startEmbeddedPostgres({
      dataDir,
      password: randomBytes(12).toString('hex'),
      database: 'bench_pages',
    });
    url = embedded.url;
  }
  await migrate(url);
  const db = createDb(url);
  if (embedded) {
    const agents = Number(values.agents);
    const events = Number(values.events);
    await loadFleet(db, url, { id: null, label: 'bench', role: 'admin' }, agents, events, log);
    await db.$executeRawUnsafe('VACUUM ANALYZE');
  }
  const counts = await db.$queryRaw<{ agents: bigint; events: bigint }[]>`
    SELECT (SELECT count(*) FROM "Agent" WHERE "workspaceId" = ${BENCH_WS}) AS agents,
      (SELECT coalesce(sum(n), 0)::bigint FROM (SELECT count(*) AS n FROM "LogEvent") e) AS events`;
  const int = (n: bigint) => Number(n).toLocaleString('en-US');
  fleet = `${int(counts[0]!.agents)} agents, ${int(counts[0]!.events)} events`;
  log(`fleet: ${fleet}${embedded ? '' : ' (standing)'}`);
  // The Overview reads the latest posture snapshot; the scheduler takes one daily, the bench one if none exists.
  if (!(await db.postureSnapshot.findFirst({ where: { workspaceId: BENCH_WS }, select: { id: true } }))) {
    log('taking a posture snapshot');
    await takeSnapshot(db, BENCH_WS, 'daily');
  }
  // One user per role, signed in through the demo identity provider the server starts (its issuer is part of the
  // session check); the role comes from the group, through the demo role map given to the server below.
  const tokens = new Map<Role, string>();
  for (const role of ROLES) {
    const identity = { issuer: `http://localhost:${PORT + 1}`, subject: `bench-pages-${role}` };
    const user = await db.user.upsert({
      where: { issuer_subject: identity },
      create: {
        ...identity,
        email: `${role}@bench.example`,
        name: `Bench ${role}`,
        groups: [groupOf(role)],
        groupsClaim: true,
      },
      update: { groups: [groupOf(role)] },
    });
    const token = randomUUID();
    const session = await db.session.create({
      data: { tokenHash: hashSessionToken(token), userId: user.id, expires: new Date(Date.now() + 6 * 3_600_000) },
    });
    sessionIds.push(session.id);
    tokens.set(role, token);
  }
  await db.$disconnect();

  process.env.TOLLGATE_DIST_DIR ??= '.next-pages';
  await ensureBuild();
  log(`starting the server (${process.env.TOLLGATE_DIST_DIR})`);
  app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      ...newSharedSecrets(), // DATABASE_URL: the secrets instances share must be given
      PORT: String(PORT),
      TOLLGATE_DEMO_IDP_PORT: String(PORT + 1),
      TOLLGATE_ROLE_MAP: DEMO_ROLE_MAP,
      TOLLGATE_DEMO_DATA: '0',
      TOLLGATE_DATA_DIR: path.join(workDir, 'app'),
    },
  });
  const base = `http://localhost:${PORT}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i > 1200) throw new Error('the server did not start');
    if (app.exitCode !== null) throw new Error(`the server exited (${app.exitCode})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const headersOf = (role: Role) => ({
    Cookie: `authjs.session-token=${tokens.get(role)}; ${WORKSPACE_COOKIE}=${BENCH_WS}`,
  });
  for (const page of pages) {
    const res = await fetch(`${base}${page.path}`, { headers: headersOf(page.role), redirect: 'manual' });
    const html = await res.text();
    if (res.status !== 200 || !html.includes(page.marker))
      throw new Error(`${page.label} did not render (status ${res.status}, no "${page.marker}")`);
  }
  const measured: Measured[] = [];
  const healthAlone = await sequentialMedian(`${base}/api/health`, {}, 15);
  for (const page of pages) {
    const headers = headersOf(page.role);
    const alone = await sequentialMedian(`${base}${page.path}`, headers, 15);
    const load = os.loadavg()[0]!;
    if (SECONDS === 0) {
      log(`${page.label}: one user ${Math.round(alone)} ms (--seconds 0: no load, nothing written)`);
      continue;
    }
    if (alone > UNLOADABLE_MS) {
      log(`${page.label}: one user ${Math.round(alone)} ms, over ${UNLOADABLE_MS} ms: not loaded`);
      measured.push({ page, run: null, health: null, alone, load });
      exitCode = 1;
      continue;
    }
    log(`${page.label}: one user ${Math.round(alone)} ms; ${RATE} requests/s for ${SECONDS} s`);
    const [run, health] = await Promise.all([
      openLoad(`${base}${page.path}`, headers, RATE, SECONDS),
      openLoad(`${base}/api/health`, {}, HEALTH_RATE, SECONDS),
    ]);
    log(
      `${page.label}: p50 ${Math.round(run.p50)} / p95 ${Math.round(run.p95)} / p99 ${Math.round(run.p99)} ms, ` +
        `${run.failed} failed; /api/health beside it p95 ${Math.round(health.p95)} ms`,
    );
    if (run.lateMs > 100) log(`the load generator sent up to ${Math.round(run.lateMs)} ms late (a loaded machine)`);
    if (run.failed > 0 || health.failed > 0) exitCode = 1;
    measured.push({ page, run, health, alone, load });
  }
  if (SECONDS > 0) {
    writeSection(measured, healthAlone);
    writeBenchResult('pages', [glanceFigure(measured)]);
  }
} finally {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app!.once('exit', r));
  }
  if (url && sessionIds.length) {
    const db = createDb(url);
    await db.session.deleteMany({ where: { id: { in: sessionIds } } });
    await db.$disconnect();
  }
  await embedded?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

function writeSection(measured: Measured[], healthAlone: number) {
  const ms = (n: number) => `${Math.round(n)} ms`;
  const when = new Date().toISOString().slice(0, 16);
  const fresh = new Map(
    measured.map(({ page, run, health, alone, load }) => [
      page.label,
      run && health
        ? row(
            page.label,
            fleet,
            run.requests.toLocaleString('en-US'),
            String(run.failed),
            (run.requests / SECONDS).toFixed(1),
            ms(run.p50),
            `**${ms(run.p95)}**`,
            ms(run.p99),
            ms(alone),
            ms(health.p95),
            run.p95 <= GOAL_MS && run.failed === 0 ? 'met' : '**not met**',
            `${when}Z, load ${load.toFixed(1)}`,
          )
        : row(
            page.label,
            fleet,
            `not loaded: one user over ${UNLOADABLE_MS} ms`,
            '—',
            '—',
            '—',
            '—',
            '—',
            ms(alone),
            '—',
            '**not met**',
            `${when}Z, load ${load.toFixed(1)}`,
          ),
    ]),
  );
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const kept = current.includes(BEGIN)
    ? current
        .slice(current.indexOf(ROWS) + ROWS.length, current.indexOf(END))
        .split('\n')
        .filter((l) => l.startsWith('| ') && !fresh.has(l.slice(2, l.indexOf(' |'))))
    : [];
  const order = (l: string) => PAGES.findIndex((p) => p.label === l.slice(2, l.indexOf(' |')));
  const rows = [...kept, ...fresh.values()].sort((a, b) => order(a) - order(b));
  const machine = describeMachine();
  const section = `${BEGIN}
## 11. Pages under an open-loop load

Written by \`npm run bench:pages\` (bench/pages.ts) — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB,
Node ${machine.node}. The production server (\`scripts/start.ts\`, \`next start\`) on the fleet named in each row
(bench/fleet.ts; the standing one of bench/fleet/keep.ts at 1M agents), a database session per role. Per page:
${RATE} requests/s for ${SECONDS} s, open loop — sent at fixed times ${Math.round(1000 / RATE)} ms apart, each on a
free keep-alive connection or a new one, so a slow answer never holds the rate back (bench/pages/load.ts says why
not autocannon: at \`overallRate: ${RATE}\` it caps itself at ${RATE} connections sending once a second each, in
bursts). Beside it, in the same run, /api/health at ${HEALTH_RATE} requests/s. Percentiles from every kept response
time; "one user" is the median of 15 sequential requests before the load (/api/health alone: ${ms(healthAlone)} in
the latest run). The server,
PostgreSQL, the load and other sessions' work share the machine: the load average is given per row, and the
figures are upper bounds. A non-2xx answer or a failed request fails the run.

| Page | Fleet | Requests | Failed | Req/s | p50 | p95 | p99 | One user | /api/health p95 beside | Goal | Run |
|---|---|---|---|---|---|---|---|---|---|---|---|
${ROWS}
${rows.join('\n')}
${END}`;
  writeFileSync(
    RESULTS,
    current.includes(BEGIN)
      ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
      : `${current.trimEnd()}\n\n${section}\n`,
  );
}

/** The glance table's row: the slowest page's p95 (a page not loaded counts as unmeasured), none failed. */
function glanceFigure(measured: Measured[]) {
  const loaded = measured.filter((m) => m.run && m.health);
  const p95s = loaded.map((m) => m.run!.p95);
  const failed = measured.reduce((n, m) => n + (m.run?.failed ?? 0) + (m.health?.failed ?? 0), 0);
  const worst = loaded.length === measured.length && p95s.length ? Math.max(...p95s) : null;
  const range = p95s.length ? `${Math.round(Math.min(...p95s))}–${Math.round(Math.max(...p95s))} ms` : '—';
  const health = loaded.length ? Math.round(Math.max(...loaded.map((m) => m.health!.p95))) : null;
  const notLoaded = measured.length - loaded.length;
  return {
    row: 'pages',
    shown:
      `p95 ${range} over ${measured.length} pages, ${failed ? `${failed} failed` : 'none failed'}` +
      `${notLoaded ? `, ${notLoaded} not loaded` : ''}${health === null ? '' : `; /api/health beside ≤ ${health} ms`}` +
      ` (${fleet})`,
    checks: [
      { value: worst, goal: goal('max', GOAL_MS, 'ms') },
      { value: failed, goal: goal('max', 0, 'failed') },
    ],
  };
}
