// Posture benchmark (issues 7 and 20): a full recompute of a workspace's posture at 100k agents (half of them
// published, so every approval-gate check runs) and 1M stored events (bench/fleet.ts), against the goal of 500 ms;
// or of a standing fleet (1M agents, 10M events: goal 1 s). Writes its section of bench/RESULTS.md.
// Usage: npm run bench:posture -- [--agents 100000] [--events 1000000] [--runs 7]
//    or: npm run bench:posture -- --database-url <url> [--workspace ws-bench] [--runs 7]
//        (a standing fleet of bench:fleet, only read)
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import { checkFacts } from '@/lib/posture/facts.ts';
import { loadFleet } from './fleet.ts';
import { goal, writeBenchResult } from './glance-result.ts';
import { describeMachine } from './machine.ts';
import { row } from './markdown.ts';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100000' },
    events: { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    workspace: { type: 'string', default: 'ws-bench' },
    runs: { type: 'string', default: '7' },
  },
});
const STANDING = values['database-url'];
let AGENTS = Number(values.agents);
let EVENTS = Number(values.events);
// Issue 7 asked 500 ms at 100k agents; issue 20 asks 1 s at 1M.
const goalFor = (agents: number) => (agents > 100_000 ? 1_000 : 500);
const RUNS = Number(values.runs);
const RESULTS = process.env.BENCH_RESULTS_MD ?? path.join(import.meta.dirname, 'RESULTS.md');
const BEGIN = '<!-- posture:begin -->';
const END = '<!-- posture:end -->';
const actor = { id: null, label: 'bench', role: 'admin' };
const log = (s: string) => console.log(s);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-posture-'));
chmodSync(workDir, 0o755);
const dataDir = path.join(workDir, 'pg');
mkdirSync(dataDir, { mode: 0o755 });
// A standing fleet is only read (evaluatePosture writes nothing); else a throwaway server with a generated one.
const server = STANDING
  ? { url: STANDING, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'bench_posture' });
try {
  await migrate(server.url);
  const db = createDb(server.url);
  const ws = STANDING
    ? values.workspace!
    : await loadFleet(db, server.url, actor, AGENTS, EVENTS, (m) => log(`bench:posture: ${m}`));
  if (STANDING) {
    AGENTS = await db.agent.count({ where: { workspaceId: ws } });
    const [{ n }] = await db.$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(events), 0)::bigint AS n
      FROM "LogEventCount" c JOIN "Workspace" w ON w.principal = c."principalId" WHERE w.id = ${ws}`;
    EVENTS = Number(n);
  }
  const GOAL_MS = goalFor(AGENTS);
  const load = await loadAverage();

  // The first evaluation after a start computes every configuration's action map; later ones reuse them
  // (lib/posture/gate-violations.ts) and compute only configurations they have not seen.
  const t0 = performance.now();
  const first = await evaluatePosture(db, ws, new Date());
  const cold = performance.now() - t0;
  const measure = async () => {
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await evaluatePosture(db, ws, new Date());
      ms.push(performance.now() - t0);
    }
    return { ms, median: [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]! };
  };
  // Straight after the bulk load, the visibility map is empty: every index-only scan still visits the heap.
  const loaded = await measure();
  // What autovacuum leaves a running server with (it runs after a fifth of a table changed); a standing fleet is
  // measured as it stands (generated, then analysed and vacuumed by autovacuum).
  if (!STANDING) await db.$executeRawUnsafe('VACUUM ANALYZE "Agent"');
  const vacuumed = STANDING ? loaded : await measure();
  const median = vacuumed.median;
  // The part issue 21 added: the framework checks' three aggregates (alerts per rule, access reviews, platform
  // actions), timed alone in the same run, so its share of the recompute is a ratio under the same load.
  const checksMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await checkFacts(db, ws);
    checksMs.push(performance.now() - t0);
  }
  const checksMedian = [...checksMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  const alertRows = await db.alert.count({ where: { workspaceId: ws } });
  const machine = describeMachine();
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const published = await db.agent.count({ where: { workspaceId: ws, status: 'published' } });
  log(`bench:posture: first evaluation ${int(cold)} ms`);
  log(
    `bench:posture: recompute after load ${loaded.ms.map(int).join(', ')} ms ` +
      `(median ${int(loaded.median)}); vacuumed ` +
      `${vacuumed.ms.map(int).join(', ')} ms (median ${int(median)}), overall ${first.overall}`,
  );
  const section = `${BEGIN}
## 4. Posture recompute

Written by \`npm run bench:posture\` (bench/posture.ts) on ${new Date().toISOString().slice(0, 19)}Z — ${machine.cpu},
${machine.cores} cores, Node ${process.version}; one-minute load average ${load} before it (other sessions' work ran
beside it: the figures are upper bounds).
A full evaluation of every control (\`evaluatePosture\`: facts from the records, the automated rules, attestations,
scores and counts) for one workspace of ${int(AGENTS)} agents (bench/fleet.ts: the rows the import stores, COPY'd${
    STANDING ? ';\nthe standing fleet of `npm run bench:fleet`' : ''
  };
${int(published)} published, so the approval-gate action map runs for each) and ${int(EVENTS)} stored events;
caches warm, ${RUNS} runs.

| | Runs | Median | Goal |
|---|---|---|---|
${row(
  STANDING
    ? 'Full posture recompute (the standing fleet, as autovacuum keeps it)'
    : 'Full posture recompute (table vacuumed, as autovacuum keeps it)',
  `${vacuumed.ms.map(int).join(', ')} ms`,
  `${int(median)} ms`,
  `≤ ${GOAL_MS} ms: **${median <= GOAL_MS ? 'met' : 'not met'}**`,
)}
| First evaluation after a start (every configuration's action map computed) | ${int(cold)} ms | | |
${row(
  `of the recompute: the AI-framework checks' aggregates (${int(alertRows)} alerts)`,
  `${checksMs.map((x) => x.toFixed(1)).join(', ')} ms`,
  `${checksMedian.toFixed(1)} ms (${((100 * checksMedian) / median).toFixed(1)} % of the median)`,
  '',
)}
${
  STANDING
    ? ''
    : row(
        `Straight after the bulk load (visibility map empty)`,
        `${loaded.ms.map(int).join(', ')} ms`,
        `${int(loaded.median)} ms`,
        `≤ ${GOAL_MS} ms: ${loaded.median <= GOAL_MS ? 'met' : 'not met'}`,
      )
}

The Overview does not recompute: it reads the latest snapshot (section 5, \`npm run bench:overview\`).
${END}`;
  const current = readFileSync(RESULTS, 'utf8');
  writeFileSync(
    RESULTS,
    current.includes(BEGIN)
      ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
      : `${current.trimEnd()}\n\n${section}\n`,
  );
  writeBenchResult('posture', [
    {
      row: 'posture',
      shown: `${int(median)} ms median of ${RUNS} (${int(AGENTS)} agents; first after a start ${int(cold)} ms)`,
      checks: [{ value: median, goal: goal('max', GOAL_MS, 'ms') }],
    },
  ]);
  await db.$disconnect();
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function loadAverage(): Promise<string> {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}
