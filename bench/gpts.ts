// Custom GPT read benchmark (issue 17, performance): a tenant of 20,000 generated GPTs (bench/gpts-tenant.ts) served
// by the simulated Compliance API (lib/platform-sim, rate limit off) in this process, read end to end by the real
// reader (`readGptsFromApi`: list, details of changed GPTs only, adapt, classify, store) in a child process so that
// its peak RSS is its own, into a throwaway embedded PostgreSQL. A first read, then a second after the tenant's
// next edition has changed about 5% of the GPTs. What a real tenant's first read costs under the platform's limit
// is computed from the requests the first read made. Writes its section of bench/RESULTS.md.
// Usage: npm run bench:gpts -- [--gpts 20000]   (BENCH_PROFILE=DIR writes the reader's --cpu-prof there;
// BENCH_HEAP_MB=N runs the reader with --max-old-space-size=N)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabaseOn, startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { readGptsFromApi } from '@/lib/gpts/read.ts';
import { startPlatformSim } from '@/lib/platform-sim/server.ts';
import type { Json } from '@/lib/platform-sim/source.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { scaleSource } from './gpts-tenant.ts';
import { describeMachine } from './machine.ts';
import { row } from './markdown.ts';

const WORKSPACE = 'ws-bench-gpts';
const PRINCIPAL = 'bench-gpt-principal';
const API_KEY = 'sk-bench';
const RATE_PER_MINUTE = 100;
const GOAL_RATE = 2000;
const GOAL_RSS_MB = 400;
const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');
const BEGIN = '<!-- gpts:begin -->';
const END = '<!-- gpts:end -->';

type ChildResult = {
  ms: number;
  maxRssMb: number;
  totals: Record<string, number>;
  issues: number;
  error: string | null;
  readMs?: number;
  syncMs?: number;
  cpuMs?: number;
};

const { values } = parseArgs({
  options: {
    gpts: { type: 'string', default: '20000' },
    child: { type: 'string' },
    sim: { type: 'string' },
    // Rewrites the section from the figures a run saved (its last line), e.g. after the section's wording changed.
    'write-from': { type: 'string' },
  },
});

if (values.child) await child(values.child, values.sim!);
else if (values['write-from']) writeSection(JSON.parse(readFileSync(values['write-from'], 'utf8')) as Section);
else await main(Number(values.gpts));

/** The reader, alone in its process: prints {ms, maxRssMb, totals, issues, error, readMs, syncMs}. The read's run
 *  row is finished (its finishedAt) before the findings sync that follows a read that changed something: so the
 *  read proper and the sync are timed apart. A failed read (the sync's transaction timing out…) is reported too. */
async function child(url: string, simUrl: string) {
  const db = createDb(url);
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  let result: ChildResult;
  try {
    const read = await readGptsFromApi(db, WORKSPACE, { baseUrl: simUrl, principal: PRINCIPAL, apiKey: API_KEY });
    const end = Date.now();
    const run = await db.gptReadRun.findUniqueOrThrow({ where: { id: read.runId } });
    const finished = run.finishedAt!.getTime();
    result = { ...usage(end - t0, cpu0), totals: read.totals, issues: read.issues, error: read.error };
    Object.assign(result, { readMs: finished - t0, syncMs: end - finished });
  } catch (error) {
    const end = Date.now();
    const run = await db.gptReadRun.findFirst({ where: { workspaceId: WORKSPACE }, orderBy: { startedAt: 'desc' } });
    const finished = run?.finishedAt?.getTime() ?? end;
    const totals: Record<string, number> = run
      ? { listed: run.listed, created: run.created, changed: run.changed, unchanged: run.unchanged }
      : {};
    result = { ...usage(end - t0, cpu0), totals, issues: 0, error: (error as Error).message.slice(0, 300) };
    Object.assign(result, { readMs: finished - t0, syncMs: end - finished });
  }
  await db.$disconnect();
  process.stdout.write(JSON.stringify(result));
}

/** Wall time, peak RSS and the reader's own CPU time (less swayed than wall time by other work on the machine). */
function usage(ms: number, cpuAtStart: NodeJS.CpuUsage) {
  const cpu = process.cpuUsage(cpuAtStart);
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function readInChild(url: string, simUrl: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE;
    const heap = Number(process.env.BENCH_HEAP_MB) || null;
    const proc = spawn(
      process.execPath,
      [
        ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
        // BENCH_HEAP_MB caps the reader's heap: its RSS then shows what the read needs, not what V8 let pile up.
        ...(heap ? [`--max-old-space-size=${heap}`] : []),
        '--import',
        'tsx',
        import.meta.filename,
        '--child',
        url,
        '--sim',
        simUrl,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`reader exited ${code}`))));
  });
}

/** What the generated tenant holds, counted the way the issue states its shape. */
function describeTenant(count: number) {
  const source = scaleSource({ count });
  let configs = 0;
  let actions = 0;
  let files = 0;
  const schemas = new Set<string>();
  for (let i = 0; i < count; i++) {
    const versions = source.configs(i);
    configs += versions.length;
    const latest = versions[0]! as { tools: { type: string; action?: Json }[]; files: unknown[] };
    files += latest.files.length;
    for (const t of latest.tools)
      if (t.type === 'action') {
        actions++;
        schemas.add(String(t.action!.openapi_schema));
      }
  }
  return { configs: configs / count, actions: actions / count, files: files / count, schemas: schemas.size };
}

async function main(count: number) {
  const log = (s: string) => console.error(s);
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const machine = describeMachine();
  const loadBefore = os.loadavg();
  const tenant = describeTenant(count);
  log(`bench:gpts: ${int(count)} GPTs, ${JSON.stringify(tenant)}`);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-gpts-'));
  chmodSync(workDir, 0o755);
  const dataDir = path.join(workDir, 'pg-data');
  mkdirSync(dataDir, { mode: 0o755 });
  const server = await startEmbeddedPostgres({
    dataDir,
    password: randomBytes(12).toString('hex'),
    database: 'bench_template',
  });
  try {
    await migrate(server.url);
    const serverUrl = server.url.replace(/\/bench_template$/, '/postgres');
    const url = await createDatabaseOn(serverUrl, 'bench_gpts', 'bench_template');
    const db = createDb(url);
    const actor = { id: null, label: 'bench', role: 'admin' as const };
    await createWorkspace(db, actor, { id: WORKSPACE, name: 'GPT bench', kind: 'workspace', principal: PRINCIPAL });
    const reads: { label: string; result: ChildResult; requests: Record<string, number> }[] = [];
    for (const [edition, label] of [
      [0, 'First read (every GPT new)'],
      [1, 'Second read (next edition: ~5% changed)'],
    ] as const) {
      const sim = await startPlatformSim({
        principal: PRINCIPAL,
        source: scaleSource({ count, edition }),
        apiKey: API_KEY,
      });
      try {
        const result = await readInChild(url, sim.url);
        reads.push({ label, result, requests: { ...sim.requests } });
        const phases = `read ${int(result.readMs ?? 0)}, findings sync ${int(result.syncMs ?? 0)}`;
        log(`  ${label}: ${int(result.ms)} ms (${phases}),`);
        log(`    ${JSON.stringify(result.totals)}, peak RSS ${int(result.maxRssMb)} MB, error ${result.error}`);
        log(`    requests ${JSON.stringify(sim.requests)}`);
      } finally {
        await sim.close();
      }
    }
    const stored = {
      gpts: await db.agent.count({ where: { workspaceId: WORKSPACE, kind: 'custom_gpt' } }),
      versions: await db.gptConfigVersion.count(),
      findings: await db.finding.count({ where: { workspaceId: WORKSPACE } }),
      auditEvents: await db.auditEvent.count({ where: { workspaceId: WORKSPACE } }),
    };
    log(`  stored ${JSON.stringify(stored)}`);
    await db.$disconnect();
    const loadAfter = os.loadavg();
    const section: Section = { count, tenant, reads, stored, machine, load: [loadBefore[0]!, loadAfter[0]!] };
    writeFileSync(path.join(os.tmpdir(), 'tollgate-bench-gpts.json'), JSON.stringify(section));
    writeSection(section);
    log('bench:gpts: wrote its section of bench/RESULTS.md');
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

type Section = {
  count: number;
  tenant: ReturnType<typeof describeTenant>;
  reads: { label: string; result: ChildResult; requests: Record<string, number> }[];
  stored: { gpts: number; versions: number; findings: number; auditEvents: number };
  machine: ReturnType<typeof describeMachine>;
  load: [number, number];
};

function writeSection({ count, tenant, reads, stored, machine, load }: Section) {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const routes = ['listGpts', 'listConfigs', 'listSharedUsers'];
  const first = reads[0]!;
  const minutes = (n: number) => n / RATE_PER_MINUTE;
  const hm = (m: number) => `${Math.floor(m / 60)} h ${String(Math.round(m % 60)).padStart(2, '0')} min`;
  const perRoute = routes.map((r) => ({ route: r, requests: first.requests[r] ?? 0 }));
  // Each route has its own window and the two detail routes are read side by side: the slowest route sets the pace.
  const sideBySide = Math.max(...perRoute.map((r) => minutes(r.requests)));
  const oneAtATime = perRoute.reduce((sum, r) => sum + minutes(r.requests), 0);
  const second = reads[1]!;
  const secondPace = Math.max(...routes.map((r) => minutes(second.requests[r] ?? 0)));
  const section = `${BEGIN}
## 7. Custom GPT read

Written by \`npm run bench:gpts\` (bench/gpts.ts) on ${new Date().toISOString().slice(0, 19)}Z — ${machine.cpu},
${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${process.version}. One-minute load average
${load[0].toFixed(2)} before and ${load[1].toFixed(2)} after (the machine is shared with other work: expect slower and
noisier figures than on a quiet machine).
A tenant of ${int(count)} generated GPTs (bench/gpts-tenant.ts): ${tenant.configs.toFixed(2)} configurations per GPT,
${tenant.actions.toFixed(2)} actions and ${tenant.files.toFixed(2)} knowledge files in the latest one on average,
${int(tenant.schemas)} distinct action schemas. The simulated Compliance API (lib/platform-sim, rate limit off,
pages of 100) serves it from this process over loopback HTTP; the real reader (\`readGptsFromApi\`: the list, read a
page ahead, each listed GPT that hashes as stored skipped before any check; versions and shared users of the others;
adapt, each action document parsed once and kept by its SHA-256 for later reads; classify; store changed GPTs 100 to
a transaction; then the findings of the GPTs that changed, 500 to a transaction, in bulk statements) runs in a child
process (peak RSS = its \`maxRSS\`; Reader CPU = its user + system time) against a throwaway embedded PostgreSQL.

| | Listed | Created | Changed | Unchanged | Read | Findings sync | Wall | GPTs/s | Reader CPU | Peak RSS | Error |
|---|---|---|---|---|---|---|---|---|---|---|---|
${reads
  .map(({ label, result: r }) =>
    row(
      label,
      int(r.totals.listed ?? 0),
      int(r.totals.created ?? 0),
      int(r.totals.changed ?? 0),
      int(r.totals.unchanged ?? 0),
      `${int(r.readMs ?? 0)} ms`,
      `${int(r.syncMs ?? 0)} ms`,
      `${int(r.ms)} ms`,
      int(((r.totals.listed ?? 0) / r.ms) * 1000),
      r.cpuMs === undefined ? '—' : `${int(r.cpuMs)} ms`,
      `${int(r.maxRssMb)} MB`,
      r.error ? r.error.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 160) : '—',
    ),
  )
  .join('\n')}

Stored after both reads: ${int(stored.gpts)} GPTs, ${int(stored.versions)} configuration versions,
${int(stored.findings)} findings (synced once at the end of a read that changed something; ${int(stored.auditEvents)}
audit events in all).
${reads
  .map(({ label, result: r }) => {
    const rate = ((r.totals.listed ?? 0) / r.ms) * 1000;
    const read = ((r.totals.listed ?? 0) / (r.readMs ?? r.ms)) * 1000;
    const rss = `peak RSS ${int(r.maxRssMb)} MB (goal < ${GOAL_RSS_MB} MB: ${met(r.maxRssMb < GOAL_RSS_MB)})`;
    const goal = `goal ≥ ${int(GOAL_RATE)}: ${met(rate >= GOAL_RATE && !r.error)}`;
    return `${label}: ${int(rate)} GPTs/s end to end (${goal}; the read alone ${int(read)} GPTs/s), ${rss}.`;
  })
  .join('\n')}

**A real tenant under the platform's limit** (about ${RATE_PER_MINUTE} requests a minute per route;
docs/decisions/0023), from the requests the reads above made:

| Route | First read | Minutes at ${RATE_PER_MINUTE}/min | Second read |
|---|---|---|---|
${perRoute
  .map((r) => row(`\`${r.route}\``, int(r.requests), int(minutes(r.requests)), int(second.requests[r.route] ?? 0)))
  .join('\n')}

A first full read of ${int(count)} GPTs takes about ${hm(sideBySide)} when the routes are read side by side (each has
its own window, so the slowest sets the pace), ${hm(oneAtATime)} if they were read one after the other; a later read
with ~5% changed takes about ${Math.ceil(secondPace)} min.
${END}`;
  const current = readFileSync(RESULTS, 'utf8');
  const next = current.includes(BEGIN)
    ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS, next);
}
