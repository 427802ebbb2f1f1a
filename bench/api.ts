// REST API benchmark (issue 19): `GET /api/v1/agents?limit=500` paged by cursor through 100,000 agents against the
// production server (`scripts/start.ts`, `next start` of a build) on a fresh embedded database. One client first:
// every page timed, the walk checked against the database (no agent repeated or skipped), p95 per page against the
// goal of 100 ms. Then 20 concurrent clients paging for a while, with one client polling /api/health in the same
// run: pages/s and p95 of both. Before that, one upload over 10 MB through the real server (the API's import route
// runs outside the proxy, which would cut it at 10 MB). Writes its section of bench/RESULTS.md.
// Usage: npm run bench:api -- [--agents 100000] [--seconds 20] [--clients 20]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApiToken } from '@/lib/api/tokens.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { ensureBuild } from '@/scripts/build.ts';
import { newSharedSecrets } from '@/scripts/shared-secrets.ts';
import { generateFleet } from './fleet.ts';
import { describeMachine } from './machine.ts';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '20' },
  },
});
const AGENTS = Number(values.agents);
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const LIMIT = 500;
const GOAL_MS = 100;
const PORT = 3650;
const WS = 'ws-bench-api';
const ROLE_MAP = 'bench-auditors=auditor,bench-admins=admin';
const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');
const BEGIN = '<!-- api:begin -->';
const END = '<!-- api:end -->';
const actor = { id: null, label: 'bench', role: 'admin' };
const log = (s: string) => console.log(`bench:api: ${s}`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const sortedCopy = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function tokenFor(db: Db, role: 'auditor' | 'admin', group: string): Promise<string> {
  const owner = await db.user.create({
    data: {
      issuer: 'http://localhost:0',
      subject: `bench-${role}`,
      email: `${role}@bench.example`,
      groups: [group],
      groupsClaim: true,
      lastSignInAt: new Date(),
    },
  });
  const made = await createApiToken(
    db,
    { id: owner.id, label: owner.email!, role },
    { id: owner.id, roles: [role] },
    { role, workspaceId: WS, label: `bench ${role}`, days: 1 },
  );
  return made.token;
}

type Page = { data: { agent_id: string }[]; next_cursor: string | null };

async function fetchPage(base: string, token: string, cursor: string | null) {
  const url = `${base}/api/v1/agents?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`;
  const t = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - t;
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { ms, page: JSON.parse(text) as Page };
}

/** One client walks the whole list: every page timed, every agent id kept in the order it came. */
async function walk(base: string, token: string) {
  const ids: string[] = [];
  const times: number[] = [];
  let cursor: string | null = null;
  const t0 = performance.now();
  do {
    const { ms, page } = await fetchPage(base, token, cursor);
    times.push(ms);
    for (const a of page.data) ids.push(a.agent_id);
    cursor = page.next_cursor;
  } while (cursor);
  return { ids, times, totalMs: performance.now() - t0 };
}

/** `clients` walkers paging from the start again and again until the time is up, and /api/health beside them. */
async function concurrent(base: string, token: string) {
  const times: number[] = [];
  const health: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const walker = async () => {
    let cursor: string | null = null;
    while (performance.now() < until) {
      const { ms, page } = await fetchPage(base, token, cursor);
      times.push(ms);
      cursor = page.next_cursor;
    }
  };
  const poller = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const response = await fetch(`${base}/api/health`);
      await response.text();
      if (!response.ok) throw new Error(`/api/health: ${response.status}`);
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const t0 = performance.now();
  await Promise.all([...Array.from({ length: CLIENTS }, walker), poller()]);
  return { times, health, seconds: (performance.now() - t0) / 1000 };
}

/** A CSV over 10 MB through the real server: the preview must count every row (the proxy would cut it). */
async function bigUpload(base: string, token: string) {
  const pad = 'x'.repeat(60_000);
  const rows = Array.from({ length: 200 }, (_, i) => `agt_upload_${i},Upload ${i},u@bench.example,,${pad}`);
  const csv = Buffer.from(`agent_id,agent_name,owner_email,connected_apps,notes\n${rows.join('\n')}\n`);
  const response = await fetch(`${base}/api/v1/agent-imports?ws=${WS}&filename=big.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await response.json()) as { rows?: number; size?: number };
  if (response.status !== 201 || body.rows !== 200 || body.size !== csv.length)
    throw new Error(`upload of ${csv.length} bytes: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return csv.length;
}

const loadBefore = os.loadavg()[0]!;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-api-'));
chmodSync(workDir, 0o755);
const dataDir = path.join(workDir, 'pg');
mkdirSync(dataDir, { mode: 0o755 });
const server = await startEmbeddedPostgres({
  dataDir,
  password: randomBytes(12).toString('hex'),
  database: 'bench_api',
});
let app: ReturnType<typeof spawn> | null = null;
try {
  await migrate(server.url);
  process.env.TOLLGATE_ROLE_MAP = ROLE_MAP;
  const db = createDb(server.url);
  // The shared fleet (bench/fleet.ts): the rows an import of the same export stores, written with COPY.
  await generateFleet(db, server.url, actor, {
    agents: AGENTS,
    events: 0,
    workspaceId: WS,
    principal: 'bench-api',
    log,
  });
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  const reader = await tokenFor(db, 'auditor', 'bench-auditors');
  const writer = await tokenFor(db, 'admin', 'bench-admins');
  const expected = (
    await db.agent.findMany({
      where: { workspaceId: WS },
      orderBy: { externalId: 'asc' },
      select: { externalId: true },
    })
  ).map((a) => a.externalId);
  await db.$disconnect();

  await ensureBuild();
  log('starting the server');
  app = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      ...newSharedSecrets(), // DATABASE_URL: the secrets instances share must be given
      PORT: String(PORT),
      TOLLGATE_DEMO_IDP_PORT: String(PORT + 1),
      TOLLGATE_DATA_DIR: path.join(workDir, 'app'),
      TOLLGATE_ROLE_MAP: ROLE_MAP,
      TOLLGATE_API_RATE_LIMIT: '1000000',
    },
  });
  const base = `http://localhost:${PORT}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const uploaded = await bigUpload(base, writer);
  log(`uploaded ${(uploaded / 1024 / 1024).toFixed(1)} MB whole through the server`);
  await walk(base, reader); // warm-up: compiled routes, connection pool, plans
  log(`one client pages through ${AGENTS.toLocaleString('en-US')} agents, ${LIMIT} a page`);
  const one = await walk(base, reader);
  const repeated = one.ids.length - new Set(one.ids).size;
  const seen = new Set(one.ids);
  const skipped = expected.filter((x) => !seen.has(x)).length;
  const inOrder = one.ids.join('\n') === expected.join('\n');
  const single = sortedCopy(one.times);
  log(
    `${one.times.length} pages in ${(one.totalMs / 1000).toFixed(1)} s: p50 ${percentile(single, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(single, 95).toFixed(0)} ms; repeated ${repeated}, skipped ${skipped}`,
  );
  log(`${CLIENTS} clients paging for ${SECONDS} s, /api/health beside them`);
  const many = await concurrent(base, reader);
  const pages = sortedCopy(many.times);
  const health = sortedCopy(many.health);
  const rate = many.times.length / many.seconds;
  log(`${rate.toFixed(1)} pages/s, p95 ${percentile(pages, 95).toFixed(0)} ms; health p95 ${percentile(health, 95)}`);

  const machine = describeMachine();
  const ms = (n: number) => `${Math.round(n)} ms`;
  const row = (name: string, t: number[], perSecond: number | null) =>
    `| ${name} | ${t.length} | ${perSecond === null ? '—' : perSecond.toFixed(1)} | ${ms(percentile(t, 50))} | ` +
    `${ms(percentile(t, 95))} | ${ms(percentile(t, 99))} | ${ms(t.at(-1) ?? 0)} |`;
  const order = inOrder ? 'in agent-id order' : '**out of order**';
  const met = percentile(single, 95) <= GOAL_MS && repeated === 0 && skipped === 0 && inOrder;
  const section = `${BEGIN}
## 9. REST API: paging the agents

Written by \`npm run bench:api\` (bench/api.ts) on ${new Date().toISOString().slice(0, 19)}Z — ${machine.cpu},
${machine.cores} cores, ${machine.ramGiB} GiB, Node ${process.version}.
The production server (\`scripts/start.ts\`, \`next start\`) on a fresh embedded PostgreSQL holding one workspace of
${AGENTS.toLocaleString('en-US')} agents (bench/fleet.ts: the rows an import stores, COPY'd),
a bearer token of the auditor role;
\`GET /api/v1/agents?limit=${LIMIT}\` followed by \`next_cursor\` to the end (keyset on the agent id). The server,
PostgreSQL and the clients share the machine; times are from request to the last byte, JSON parse excluded.

| | Pages | Pages/s | p50 | p95 | p99 | max |
|---|---|---|---|---|---|---|
${row('One client, the whole list', single, one.times.length / (one.totalMs / 1000))}
${row(`${CLIENTS} clients, ${SECONDS} s`, pages, rate)}
${row(`/api/health beside the ${CLIENTS} (one poller)`, health, null)}

The single walk against the database: ${one.ids.length.toLocaleString('en-US')} agents received for
${expected.length.toLocaleString('en-US')} stored, ${repeated} repeated, ${skipped} skipped, ${order}.
Before it, a ${(uploaded / 1024 / 1024).toFixed(1)} MB agent export went whole through \`POST /api/v1/agent-imports\`.

With ${CLIENTS} requests always in flight, Little's law puts each page's wait at
${CLIENTS} / ${rate.toFixed(1)} pages/s ≈ ${ms((CLIENTS / rate) * 1000)}: the concurrent p95 is the machine's
throughput shared out, not a slow query.
One-minute load average before the run: ${loadBefore.toFixed(2)} (other work shares the machine).

Goal: one client's p95 per page ≤ ${GOAL_MS} ms with no page repeated or skipped — **${met ? 'met' : 'not met'}**.
${END}`;
  const current = readFileSync(RESULTS, 'utf8');
  writeFileSync(
    RESULTS,
    current.includes(BEGIN)
      ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
      : `${current.trimEnd()}\n\n${section}\n`,
  );
} finally {
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((r) => app!.once('exit', r));
  }
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
