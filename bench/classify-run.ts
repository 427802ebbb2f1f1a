// `npx tsx bench/classify-run.ts`: the classification benchmark alone (bench/classify.ts) on the bench's 100k-agent
// export and a 1M-agent one, written into §1 and the summary row of bench/RESULTS.md (the rest is left as it is).
// Run it under the bench lock on a shared machine: flock /tmp/tollgate-bench.lock npx tsx bench/classify-run.ts
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchClassify } from './classify.ts';
import { CLASSIFY_GOAL, classifySummaryRow, rates, renderClassify } from './classify-report.ts';
import { generateAgents, toCsv } from './generate.ts';
import { goal, writeBenchResult } from './glance-result.ts';

const AGENTS = 100_000;
const LARGE = 1_000_000;
const SLICE = 1_000;
const RESULTS = process.env.BENCH_RESULTS_MD ?? path.join(import.meta.dirname, 'RESULTS.md');
const log = (line: string) => console.error(line);

const load = os.loadavg()[0]!;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-classify-'));
chmodSync(workDir, 0o755);
try {
  const file = (name: string, text: string) => {
    const p = path.join(workDir, name);
    writeFileSync(p, text, { mode: 0o644 });
    return p;
  };
  // The 100k export is the first 100k of the 1M one (the same seeded stream).
  const agents = generateAgents(LARGE);
  const largeCsv = file('agents-1m.csv', toCsv(agents));
  const fullCsv = file('agents.csv', toCsv(agents.slice(0, AGENTS)));
  const sliceCsv = file('agents-slice.csv', toCsv(agents.slice(0, SLICE)));
  const tinyCsv = file('agents-one.csv', toCsv(agents.slice(0, 1)));
  agents.length = 0;
  const result = await benchClassify({
    workDir,
    fullCsv,
    sliceCsv,
    tinyCsv,
    largeCsv,
    largeAgents: LARGE,
    largeRuns: 3,
    agents: AGENTS,
    sliceAgents: SLICE,
    cliRuns: 5,
    peerRuns: 3,
    log,
  });
  const current = readFileSync(RESULTS, 'utf8');
  const start = current.indexOf('## 1. Classification');
  const end = current.indexOf('## 2. ');
  if (start === -1 || end < start) throw new Error('bench/RESULTS.md has no §1 followed by §2');
  const summary = current.split('\n').findIndex((l) => l.startsWith('| Classification:'));
  const lines = `${current.slice(0, start)}${renderClassify(result, load)}\n${current.slice(end)}`.split('\n');
  if (summary !== -1) lines[summary] = classifySummaryRow(result);
  writeFileSync(RESULTS, lines.join('\n'));
  const r = rates(result);
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  writeBenchResult('classify', [
    {
      row: 'classify',
      shown: `${int(r.ratio)}× (${int(r.large)} vs ${int(r.guide)} agents/s, start-up included)`,
      checks: [{ value: r.ratio, goal: goal('min', CLASSIFY_GOAL, '×') }],
    },
  ]);
  log(`bench: wrote §1 of ${path.relative(process.cwd(), RESULTS)}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
