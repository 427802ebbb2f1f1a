// The "Issue 20 at a glance" table of bench/RESULTS.md (issue 20: every bench side by side in one run). Pure: the
// benches hand over their figures (bench/glance-result.ts), `npm run bench` (bench/run.ts) calls writeGlance with
// them; met / not met is judged here from each figure and its goal, never by the bench's own wording.
// A row is keyed by its first cell: a run replaces the rows it measured (or failed to) and keeps every other row as
// it stands, hand-written ones included, so a `--only` run or another engineer's row survives.

/** A goal on one measured value: at most / at least / strictly under the limit. */
export type Goal = { op: 'max' | 'min' | 'under'; limit: number; unit: string };
export type Check = { value: number | null; goal: Goal };
/** One row's figures, as a bench measured them. `shown` is the figure as a reader wants it, units included. */
export type Figure = { row: string; shown: string; checks: Check[] };
/** One bench's results file: what it measured, when, and the machine's one-minute load before and after. */
export type BenchResult = { bench: string; runId: string; at: string; load: [number, number]; figures: Figure[] };

/** A row the run meant to write: its label (the first cell), goal and section, and the figures if measured. */
export type PlannedRow = { id: string; label: string; section: string; goal: string };
export type StepOutcome =
  | { ok: true; result: BenchResult; rows: PlannedRow[] }
  | { ok: false; error: string; rows: PlannedRow[] };

export type RunInfo = {
  date: string;
  machine: string;
  loadBefore: number;
  loadAfter: number;
  seconds: number;
  scale: string;
};

export const GLANCE_BEGIN = '<!-- glance:begin -->';
export const GLANCE_END = '<!-- glance:end -->';
const ROWS = '<!-- glance:rows -->';
const OLD_HEADING = '## Issue 20 at a glance';
const HEADER = ["Bench (issue 20's table)", 'Latest figure', 'Goal', 'Result', 'Where'];

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const num = (n: number) => (Math.abs(n) >= 100 ? int(n) : String(Math.round(n * 100) / 100));

export function goalText(g: Goal): string {
  if (g.unit === 'failed' && g.op === 'max' && g.limit === 0) return 'none failed';
  const sign = g.op === 'max' ? '≤' : g.op === 'min' ? '≥' : '<';
  return `${sign} ${num(g.limit)}${g.unit === '×' || g.unit === '%' ? '' : ' '}${g.unit}`;
}

/** Whether a measured value meets its goal; a value that was not measured never does. */
export function meets({ value, goal }: Check): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  if (goal.op === 'max') return value <= goal.limit;
  if (goal.op === 'min') return value >= goal.limit;
  return value < goal.limit;
}

/** "met", "not met", or each check's verdict when they differ ("not met / met"). */
export function verdict(checks: Check[]): string {
  if (checks.length === 0) return '—';
  const each = checks.map((c) => (meets(c) ? 'met' : 'not met'));
  return new Set(each).size === 1 ? each[0]! : each.join(' / ');
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(' | ')
    .map((c) => c.trim());
const rowLine = (cells: string[]) => `| ${cells.join(' | ')} |`;
const isRow = (line: string) => line.startsWith('| ') && !line.startsWith('|---') && !line.startsWith(`| ${HEADER[0]}`);

/** The rows this run produced, by label. */
export function freshRows(outcomes: StepOutcome[], run: RunInfo): Map<string, string> {
  const when = `${run.date.slice(0, 16)}Z`;
  const rows = new Map<string, string>();
  for (const o of outcomes) {
    for (const planned of o.rows) {
      if (!o.ok) {
        rows.set(
          planned.label,
          rowLine([planned.label, `failed: ${o.error} (${when})`, planned.goal, '**failed**', planned.section]),
        );
        continue;
      }
      const f = o.result.figures.find((x) => x.row === planned.id);
      if (!f) {
        rows.set(
          planned.label,
          rowLine([
            planned.label,
            `failed: the bench gave no figure (${when})`,
            planned.goal,
            '**failed**',
            planned.section,
          ]),
        );
        continue;
      }
      const [before, after] = o.result.load;
      const figure = `${f.shown} (${o.result.at.slice(0, 16)}Z, load ${before.toFixed(1)} → ${after.toFixed(1)})`;
      const goal = f.checks.map((c) => goalText(c.goal)).join(', ') || planned.goal;
      rows.set(planned.label, rowLine([planned.label, figure, goal, `**${verdict(f.checks)}**`, planned.section]));
    }
  }
  return rows;
}

/** The rows the document holds now: inside the markers, or the hand-written table under the old heading. */
function previousRows(text: string): { rows: string[]; start: number; end: number } {
  const begin = text.indexOf(GLANCE_BEGIN);
  if (begin >= 0) {
    const end = text.indexOf(GLANCE_END, begin);
    if (end < 0) throw new Error(`bench/RESULTS.md has ${GLANCE_BEGIN} without ${GLANCE_END}`);
    const rows = text.slice(begin, end).split('\n').filter(isRow);
    return { rows, start: begin, end: end + GLANCE_END.length };
  }
  const heading = text.indexOf(OLD_HEADING);
  if (heading < 0) return { rows: [], start: text.length, end: text.length };
  // The hand-written table: the heading, the table under it, and the paragraph after it up to the next heading.
  const next = text.indexOf('\n## ', heading + OLD_HEADING.length);
  const end = next < 0 ? text.length : next + 1;
  return { rows: text.slice(heading, end).split('\n').filter(isRow), start: heading, end };
}

/**
 * The document with its glance block written: the run's rows replace the rows of the same label, every other row
 * stays, in `order` (labels of the table) and then as they were.
 */
export function writeGlance(text: string, outcomes: StepOutcome[], run: RunInfo, order: string[]): string {
  const prev = previousRows(text);
  const fresh = freshRows(outcomes, run);
  const labelOf = (line: string) => cellsOf(line)[0] ?? '';
  const kept = prev.rows.filter((l) => !fresh.has(labelOf(l)));
  const all = [...kept, ...fresh.values()];
  const rank = (l: string) => {
    const i = order.indexOf(labelOf(l));
    return i < 0 ? order.length + all.indexOf(l) : i;
  };
  all.sort((a, b) => rank(a) - rank(b));
  const failed = outcomes.filter((o) => !o.ok).length;
  const block = `${GLANCE_BEGIN}
## Issue 20 at a glance

Written by \`npm run bench\` (bench/run.ts, bench/glance.ts): each row is the latest figure of its bench, judged
against its goal, with its own date and one-minute load average before → after that bench; rows this run did not
measure are kept as they were (some hand-written, with the load they state).

- Latest run: ${run.date}, ${outcomes.length} benches, ${failed} failed, ${Math.round(run.seconds)} s
- Scale: ${run.scale}
- Machine: ${run.machine}
- One-minute load average ${run.loadBefore.toFixed(2)} before the whole run and ${run.loadAfter.toFixed(2)} after

${rowLine(HEADER)}
|---|---|---|---|---|
${ROWS}
${all.join('\n')}
${GLANCE_END}`;
  const before = text.slice(0, prev.start);
  const after = text.slice(prev.end);
  if (prev.start === text.length) return `${text.trimEnd()}\n\n${block}\n`;
  return `${before}${block}${after.startsWith('\n') ? '' : '\n'}${after}`;
}
