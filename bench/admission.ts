// Sizing the admission limit (decision 0035): the production server (`next start` of TOLLGATE_DIST_DIR's build, on
// the demo data of scripts/runtime.ts) with the default limit (or --limit), asked for a signed-in admin's page by
// 1…N clients at once, each asking again as soon as it has an answer. Prints requests/s, p50 and p95 of the pages
// let in, the 503s, and the server's RSS per number of clients: below the limit, how throughput and waiting grow
// with requests in flight; above it, what shedding leaves to the requests let in. Keep a run under the bench lock.
// Usage: npx tsx bench/admission.ts [--path /agents] [--seconds 8] [--clients 1,2,5,10,20,30,60,90] [--limit N]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { hashSessionToken } from '@/lib/auth/session-token.ts';
import { createDb } from '@/lib/db.ts';
import { DEFAULT_MAX_IN_FLIGHT } from '@/lib/http/admission-limit.ts';
import { prepareRuntime } from '@/scripts/runtime.ts';
import { percentile } from './pages/load.ts';

const { values } = parseArgs({
  options: {
    path: { type: 'string', default: '/agents' },
    seconds: { type: 'string', default: '8' },
    clients: { type: 'string', default: '1,2,5,10,20,30,60,90' },
    port: { type: 'string', default: '3750' },
    limit: { type: 'string' },
  },
});
const PORT = Number(values.port);
const SECONDS = Number(values.seconds);
const CLIENTS = values.clients.split(',').map(Number);
const LIMIT = values.limit ? Number(values.limit) : DEFAULT_MAX_IN_FLIGHT;
const BASE = `http://localhost:${PORT}`;
const log = (s: string) => console.log(`bench:admission: ${s}`);

type Step = { clients: number; requests: number; shed: number; rps: number; p50: number; p95: number; rssMb: number };

async function flood(url: string, cookie: string, clients: number, seconds: number, pid: number): Promise<Step> {
  const times: number[] = [];
  let shed = 0;
  let other = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() - start < seconds * 1000) {
        const t = performance.now();
        const r = await fetch(url, { headers: { cookie }, redirect: 'manual' });
        await r.text();
        if (r.status === 503) shed++;
        else if (r.status === 200) times.push(performance.now() - t);
        else other++;
      }
    }),
  );
  if (other) throw new Error(`${other} answers were neither 200 nor 503`);
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  return {
    clients,
    requests: times.length,
    shed,
    rps: times.length / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    rssMb: Math.round(rss),
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-admission-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(PORT),
  TOLLGATE_DEMO_IDP_PORT: String(PORT + 1),
  TOLLGATE_DATA_DIR: dataDir,
};
for (const name of ['DATABASE_URL', 'OIDC_ISSUER', 'SAML_IDP_METADATA_URL', 'AUTH_URL']) delete env[name];
const runtime = await prepareRuntime(env);
let next: ChildProcess | null = null;

async function startNext(limit: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...runtime.childEnv, TOLLGATE_MAX_IN_FLIGHT: String(limit) } },
  );
  for (let i = 0; ; i++) {
    if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) return child;
    if (i > 240) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopNext() {
  if (!next || next.exitCode !== null) return;
  const exited = new Promise((r) => next!.once('exit', r));
  next.kill('SIGTERM');
  await exited;
}

const row = (s: Step) =>
  `| ${s.clients} | ${s.requests} | ${s.shed} | ${s.rps.toFixed(1)} | ${Math.round(s.p50)} ms | ` +
  `${Math.round(s.p95)} ms | ${s.rssMb} MB |`;

try {
  // A demo admin's session, as the demo provider's sign-in would leave it.
  const db = createDb(runtime.childEnv.DATABASE_URL!);
  const user = await db.user.create({
    data: {
      issuer: runtime.childEnv.OIDC_ISSUER!,
      subject: `bench-admission-${randomUUID()}`,
      email: 'bench-admission@demo.tollgate.local',
      groups: ['tollgate-admins'],
      groupsClaim: true,
    },
  });
  const token = randomUUID();
  await db.session.create({
    data: { tokenHash: hashSessionToken(token), userId: user.id, expires: new Date(Date.now() + 3_600_000) },
  });
  await db.$disconnect();
  const cookie = `authjs.session-token=${token}`;
  const url = `${BASE}${values.path}`;

  next = await startNext(LIMIT);
  const first = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  if (first.status !== 200) throw new Error(`${values.path} answered ${first.status}, not 200`);
  await flood(url, cookie, 2, 5, next.pid!); // warm-up
  log(`${values.path}, limit ${LIMIT}, ${SECONDS} s per step; load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log('| Clients | 200s | 503s | Req/s (200s) | p50 | p95 | Server RSS |\n|---|---|---|---|---|---|---|');
  for (const clients of CLIENTS) console.log(row(await flood(url, cookie, clients, SECONDS, next.pid!)));
  log(`load ${os.loadavg()[0]!.toFixed(1)}`);
} finally {
  await stopNext();
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
}
