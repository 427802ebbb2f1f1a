// `tsx bench/import-main.ts [--agents N] [--repeats R] [--fresh-only] [--bad-last]`: the import bench alone (npm run
// bench runs it beside the classification bench). Writes its summary rows and its part of section 2 of
// bench/RESULTS.md: the 100k run replaces section 2, a 1M run (--agents 1000000 --repeats 1 --fresh-only) its own
// subsection, with the same file refused for a bad last line (--bad-last asks for that at any size).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { changeAgents, generateAgents, toCsv } from './generate.ts';
import { benchImport } from './import.ts';
import { floorTotal } from './import-floor.ts';
import {
  IMPORT_1M_GOAL,
  IMPORT_1M_RSS_MB,
  IMPORT_GOAL,
  importSection,
  importSummaryRows,
  medianRun,
} from './import-report.ts';
import { type Figure, goal, writeBenchResult } from './glance-result.ts';
import { short } from './run-plan.ts';

const RESULTS = process.env.BENCH_RESULTS_MD ?? path.join(import.meta.dirname, 'RESULTS.md');
const SECTION_END = '<!-- ingest:begin -->';
const BIG_BEGIN = '<!-- import-1m:begin -->';
const BIG_END = '<!-- import-1m:end -->';
const log = (line: string) => console.error(line);

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100000' },
    repeats: { type: 'string', default: '3' },
    'fresh-only': { type: 'boolean', default: false },
    /** Also the fresh file with a bad last line, refused whole (always at 1M). */
    'bad-last': { type: 'boolean', default: false },
    /** Another file to write (a trial run at a small size). */
    out: { type: 'string', default: RESULTS },
  },
});
const agents = Number(values.agents);
const big = agents >= 1_000_000;

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-import-'));
chmodSync(workDir, 0o755);
try {
  const fleet = generateAgents(agents);
  const next = values['fresh-only'] ? null : changeAgents(fleet, 0.1);
  const file = (name: string, text: string) => {
    const p = path.join(workDir, name);
    writeFileSync(p, text, { mode: 0o644 });
    return p;
  };
  const freshCsv = file('agents.csv', toCsv(fleet));
  const changedCsv = next ? file('agents-next.csv', toCsv(next.agents)) : null;
  // Issue 20, "Bad input": the same file with an owner that is no email on its last line, refused whole.
  const badLastCsv =
    big || values['bad-last'] ? file('agents-bad-last.csv', withBadLastLine(readFileSync(freshCsv, 'utf8'))) : null;
  fleet.length = 0; // the generator's objects are not part of what the import holds
  const load0 = os.loadavg()[0]!;
  const result = await benchImport({
    workDir,
    freshCsv,
    changedCsv,
    badLastCsv,
    agents,
    expectChanged: next?.changed ?? 0,
    repeats: Number(values.repeats),
    copyRepeats: 5,
    log,
  });
  const load: [number, number] = [load0, os.loadavg()[0]!];
  const changedRows = next?.changed ?? 0;
  let text = readFileSync(RESULTS, 'utf8');
  // Summary: this run's rows replace the rows of a run of the same size.
  const label = `| Import, fresh workspace (${agents.toLocaleString('en-US')} created)`;
  const lines = text.split('\n');
  const drop = (l: string) => l.startsWith(label) || (!big && l.startsWith('| Import, same file with'));
  const at = lines.findIndex(drop);
  const kept = lines.filter((l) => !drop(l));
  const insertAt = at >= 0 ? at : kept.findIndex((l) => l.startsWith('| Classification')) + 1;
  kept.splice(insertAt, 0, ...importSummaryRows(result, changedRows));
  text = kept.join('\n');
  const section = importSection(result, changedRows, load);
  if (big) {
    const body = section.replace(/^## 2\. Import\n\n/, '');
    const block = `${BIG_BEGIN}\n### ${agents.toLocaleString('en-US')} agents\n\n${body}${BIG_END}`;
    const start = text.indexOf(BIG_BEGIN);
    text =
      start >= 0
        ? `${text.slice(0, start)}${block}${text.slice(text.indexOf(BIG_END) + BIG_END.length)}`
        : text.replace(SECTION_END, `${block}\n\n${SECTION_END}`);
  } else {
    const start = text.indexOf('## 2. Import');
    const bigStart = text.indexOf(BIG_BEGIN);
    const end = bigStart >= 0 ? bigStart : text.indexOf(SECTION_END);
    text = `${text.slice(0, start)}${section}\n${text.slice(end)}`;
  }
  writeFileSync(values.out, text);
  writeBenchResult(`import-${short(agents)}`, glanceFigures(result, big));
  log('bench:import: wrote its rows and section of bench/RESULTS.md');
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** The export with its last row's owner (the third column) replaced by text that is no email address. */
function withBadLastLine(csv: string): string {
  const start = csv.lastIndexOf('\n', csv.length - 2) + 1;
  const fields = csv.slice(start, -1).split(',');
  fields[2] = 'not-an-email';
  return `${csv.slice(0, start)}${fields.join(',')}\n`;
}

/** The glance table's rows (bench/glance.ts): each median import against its write floor. */
function glanceFigures(result: Awaited<ReturnType<typeof benchImport>>, large: boolean): Figure[] {
  const figure = (row: string, runs: typeof result.fresh, withRss: boolean): Figure => {
    const r = medianRun(runs);
    const floor = floorTotal(r.floor.allIndexes);
    const ratio = r.totalMs / floor;
    const rss = r.peakRssMb === null ? '' : `, peak RSS ${Math.round(r.peakRssMb)} MB`;
    return {
      row,
      shown: `${(r.totalMs / 1000).toFixed(1)} s vs ${(floor / 1000).toFixed(1)} s = ${ratio.toFixed(2)}×${rss}`,
      checks: [
        { value: ratio, goal: goal('max', large ? IMPORT_1M_GOAL : IMPORT_GOAL, '×') },
        ...(withRss ? [{ value: r.peakRssMb, goal: goal('under', IMPORT_1M_RSS_MB, 'MB') }] : []),
      ],
    };
  };
  return [
    figure('import-fresh', result.fresh, large),
    ...(result.changed.length ? [figure('import-changed', result.changed, false)] : []),
  ];
}
