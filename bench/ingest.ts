// Compliance Logs ingestion benchmark (issue 5): N events with 10% duplicates through the real store
// (lib/logs/store.ts, in a child process so its peak RSS is its own), side by side with a raw COPY of the
// same rows into an unindexed table, on a throwaway embedded PostgreSQL. Optionally (--big) a ~2 GB file, to
// show memory stays flat whatever the size. Writes its section of bench/RESULTS.md.
// Usage: npm run bench:ingest -- [--events 1000000] [--runs 2] [--copies 3] [--batch 5000] [--big]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabaseOn, startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { describeMachine } from './machine.ts';
import { goal, writeBenchResult } from './glance-result.ts';
import { DEFAULT_BATCH } from '@/lib/logs/store.ts';
import { createEventWeeks, FIRST_EVENT, generate, serverCpu, tsvOf } from './ingest-data.ts';
import { row } from './markdown.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
    copies: { type: 'string', default: '3' },
    batch: { type: 'string', default: String(DEFAULT_BATCH) },
    big: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(values.events);
const RESULTS = process.env.BENCH_RESULTS_MD ?? path.join(import.meta.dirname, 'RESULTS.md');
const BEGIN = '<!-- ingest:begin -->';
const END = '<!-- ingest:end -->';

/** Runs the real store in a child process; returns wall time and the child's peak RSS. */
function ingestChild(
  url: string,
  file: string,
): Promise<{ ms: number; maxRssMb: number; nodeCpuMs: number; inserted: number; duplicates: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'ingest-child.ts'),
        url,
        file,
        values.batch,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`ingest child exited ${code}`)),
    );
  });
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-ingest-'));
chmodSync(workDir, 0o755);
const log = (s: string) => console.log(s);
try {
  const machine = describeMachine();
  const jsonl = path.join(workDir, 'events.jsonl');
  log(`bench:ingest: generating ${EVENTS.toLocaleString('en-US')} events + 10% redeliveries`);
  const gen = await generate(jsonl, EVENTS);
  chmodSync(jsonl, 0o644);
  const tsv = path.join(workDir, 'events.tsv');
  await tsvOf(jsonl, tsv);
  chmodSync(tsv, 0o644);

  const dataDir = path.join(workDir, 'pg-data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir,
    password: randomBytes(12).toString('hex'),
    database: 'bench_template',
  });
  try {
    await migrate(server.url);
    // Every event's week (one a second from FIRST_EVENT; the --big file's 6M too), so none lands in the default.
    await createEventWeeks(server.url, FIRST_EVENT + (Math.max(EVENTS, values.big ? 6_000_000 : 0) + 1000) * 1000);
    const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const loads: number[] = [os.loadavg()[0]!];
    const copyCpu: number[] = [];
    const serverUrl = server.url.replace(/\/bench_template$/, '/postgres');
    const copyUrl = await createDatabaseOn(serverUrl, 'bench_copy');
    const copy = new pg.Client({ connectionString: copyUrl });
    await copy.connect();
    const copyMs: number[] = [];
    await copy.query(
      'CREATE TABLE copy_bench (principal_id text, event_id text, type text, ' +
        'event_type text, at text, agent_id text, actor_email text, record text, line int)',
    );
    for (let i = 0; i < Number(values.copies); i++) {
      await copy.query('TRUNCATE copy_bench');
      await copy.query('CHECKPOINT');
      const s0 = serverCpu(postmaster);
      const t0 = performance.now();
      await copy.query(`COPY copy_bench FROM '${tsv.replaceAll("'", "''")}'`);
      copyMs.push(performance.now() - t0);
      copyCpu.push((serverCpu(postmaster) - s0) * 1000);
      log(`  COPY ${gen.lines} rows: ${copyMs.at(-1)!.toFixed(0)} ms`);
    }
    await copy.query('DROP TABLE copy_bench'); // its disk, for the store runs of a large file
    await copy.end();

    const runs = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const url = await createDatabaseOn(serverUrl, 'bench_ingest', 'bench_template');
      const s0 = serverCpu(postmaster);
      const r = { ...(await ingestChild(url, jsonl)), serverCpuMs: 0 };
      r.serverCpuMs = (serverCpu(postmaster) - s0) * 1000;
      loads.push(os.loadavg()[0]!);
      if (r.inserted !== gen.unique) throw new Error(`stored ${r.inserted}, expected ${gen.unique}`);
      runs.push(r);
      log(
        `  store: ${r.ms.toFixed(0)} ms, ${r.inserted} stored, ${r.duplicates} ` +
          `duplicates, peak RSS ${r.maxRssMb.toFixed(0)} MB, CPU ${r.nodeCpuMs.toFixed(0)} ms Node + ` +
          `${r.serverCpuMs.toFixed(0)} ms server`,
      );
    }
    let big: { bytes: number; lines: number; ms: number; maxRssMb: number } | null = null;
    if (values.big) {
      const bigFile = path.join(workDir, 'big.jsonl');
      log('  generating a ~2 GB file');
      const g = await generate(bigFile, 6_000_000, 11);
      chmodSync(bigFile, 0o644);
      const url = await createDatabaseOn(serverUrl, 'bench_big', 'bench_template');
      const r = await ingestChild(url, bigFile);
      big = { bytes: statSync(bigFile).size, lines: g.lines, ms: r.ms, maxRssMb: r.maxRssMb };
      log(
        `  big file: ${(big.bytes / 1e9).toFixed(2)} GB, ${r.ms.toFixed(0)} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`,
      );
    }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const copyRate = gen.lines / (median(copyMs) / 1000);
    const storeMs = median(runs.map((r) => r.ms));
    const storeRate = gen.lines / (storeMs / 1000);
    const rss = Math.max(...runs.map((r) => r.maxRssMb));
    const int = (n: number) => Math.round(n).toLocaleString('en-US');
    const section = `${BEGIN}
## 3. Compliance Logs ingestion

Written by \`npm run bench:ingest\` (bench/ingest.ts) on ${new Date().toISOString().slice(0, 19)}Z — ${machine.cpu},
${machine.cores} cores, Node ${process.version}.
${int(gen.unique)} events plus ${int(gen.lines - gen.unique)} redeliveries (${(gen.bytes / 1e6).toFixed(0)} MB of
JSONL), stored by the real store (\`ingestFile\`, batches of ${Number(values.batch).toLocaleString('en-US')} over
two connections: keys claimed in LogEventKey, new events COPY'd into the indexed weekly partitions of LogEvent,
counts and content split off, progress committed per batch in file order) in a child process; reference: a raw
\`COPY\` of the same rows (already as TSV, read by the server) into an unindexed table of the same nine columns.

| | Lines | Runs | Median | Lines/s | CPU (median run) | Peak RSS |
|---|---|---|---|---|---|---|
${row(
  `raw COPY (the limit)`,
  `${int(gen.lines)}`,
  `${copyMs.map(int).join(', ')} ms`,
  `${int(median(copyMs))} ms`,
  `${int(copyRate)}`,
  `${int(median(copyCpu))} ms server`,
  `—`,
)}
${row(
  `Tollgate store`,
  `${int(gen.lines)}`,
  `${runs.map((r) => int(r.ms)).join(', ')} ms`,
  `${int(storeMs)} ms`,
  `${int(storeRate)}`,
  `${int(median(runs.map((r) => r.nodeCpuMs)))} ms Node + ${int(median(runs.map((r) => r.serverCpuMs)))} ms server`,
  `${int(rss)} MB`,
)}

Rate: ${((storeRate / copyRate) * 100).toFixed(0)}% of COPY (goal ≥ 33%:
**${storeRate / copyRate >= 1 / 3 ? 'met' : 'not met'}**); peak RSS ${int(rss)} MB (goal < 400 MB:
**${rss < 400 ? 'met' : 'not met'}**). One-minute load average before the COPYs and after each store run:
${loads.map((l) => l.toFixed(1)).join(', ')} on ${machine.cores} cores${
      Math.max(...loads) > machine.cores / 2
        ? ' — other work ran at the same time:\nthese figures are upper bounds, and the CPU column says more ' +
          'than the wall times'
        : ''
    }.
${
  big
    ? `A ${(big.bytes / 1e9).toFixed(2)} GB file (${int(big.lines)} lines): ` +
      `${int(big.ms)} ms, peak RSS ${int(big.maxRssMb)} MB — memory does not grow with the file.`
    : 'The 2 GB constant-memory run was not part of this run (`--big`).'
}
${END}`;
    const current = readFileSync(RESULTS, 'utf8');
    const next = current.includes(BEGIN)
      ? current.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), section)
      : `${current.trimEnd()}\n\n${section}\n`;
    writeFileSync(RESULTS, next);
    const share = (storeRate / copyRate) * 100;
    writeBenchResult('ingest', [
      {
        row: 'ingest',
        shown: `${share.toFixed(0)}% of COPY (${int(storeRate)} vs ${int(copyRate)} lines/s), peak RSS ${int(rss)} MB`,
        checks: [
          { value: share, goal: goal('min', 100 / 3, '%') },
          { value: rss, goal: goal('under', 400, 'MB') },
        ],
      },
    ]);
    log('bench:ingest: wrote its section of bench/RESULTS.md');
  } finally {
    await server.stop();
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
