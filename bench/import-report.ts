// bench/RESULTS.md's import rows and section 2, from bench/import.ts's result: each import against its write floor.
import type { Floor } from './import-floor.ts';
import { floorTotal } from './import-floor.ts';
import type { ImportResult, ImportRun } from './import.ts';
import { row } from './markdown.ts';

export const IMPORT_GOAL = 1.5; // × the write floor, at most (100k fresh and 10% changed)
export const IMPORT_1M_GOAL = 2; // × the write floor for 1M fresh, with a peak RSS under IMPORT_1M_RSS_MB
export const IMPORT_1M_RSS_MB = 600;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${int(n)} ms`;
const sec = (n: number) => `${(n / 1000).toFixed(2)} s`;
const times = (n: number) => `${n >= 100 ? int(n) : n.toFixed(2)}×`;
const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** The run with the median preview + commit. */
export const medianRun = (runs: ImportRun[]) =>
  [...runs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)]!;
const ratio = (r: ImportRun) => r.totalMs / floorTotal(r.floor.allIndexes);

export function importSummaryRows(imp: ImportResult, changedRows: number): string[] {
  const rows: string[] = [];
  const big = imp.agents >= 1_000_000;
  const fresh = medianRun(imp.fresh);
  const goal = big ? IMPORT_1M_GOAL : IMPORT_GOAL;
  const rss = fresh.peakRssMb;
  rows.push(
    row(
      `Import, fresh workspace (${int(imp.agents)} created): preview + commit vs its write floor`,
      `${sec(fresh.totalMs)} vs ${sec(floorTotal(fresh.floor.allIndexes))} = **${times(ratio(fresh))}**` +
        (big ? `, peak RSS ${rss === null ? '?' : `${int(rss)} MB`}` : ''),
      `≤ ${goal}×${big ? `, RSS < ${IMPORT_1M_RSS_MB} MB` : ''}`,
      met(ratio(fresh) <= goal && (!big || (rss !== null && rss < IMPORT_1M_RSS_MB))),
    ),
  );
  if (imp.changed.length > 0) {
    const changed = medianRun(imp.changed);
    rows.push(
      row(
        `Import, same file with ${int(changedRows)} rows changed: preview + commit vs its write floor`,
        `${sec(changed.totalMs)} vs ${sec(floorTotal(changed.floor.allIndexes))} = **${times(ratio(changed))}**`,
        `≤ ${IMPORT_GOAL}×`,
        met(ratio(changed) <= IMPORT_GOAL),
      ),
    );
  }
  return rows;
}

function floorTable(label: string, f: Floor): string[] {
  const cell = (t: keyof Floor['rows']) =>
    `${ms(f.allIndexes[t])} / ${ms(f.noGin[t])} / ${ms(f.raw[t])} (${int(f.rows[t])} rows)`;
  return [
    row(`${label}: Agent`, cell('Agent')),
    row(`${label}: AgentHistory`, cell('AgentHistory')),
    row(`${label}: RecordVersion`, cell('RecordVersion')),
    row(
      `${label}: **total**`,
      `**${ms(floorTotal(f.allIndexes))}** / ${ms(floorTotal(f.noGin))} / ${ms(floorTotal(f.raw))}`,
    ),
  ];
}

function badLastLine(imp: ImportResult): string {
  const bad = imp.badLast;
  if (!bad) return '';
  const rss = bad.peakRssMb === null ? '?' : `${int(bad.peakRssMb)} MB`;
  return `The same file with one bad line at its end (an owner that is no email), into a workspace of its own: preview
${sec(bad.previewMs)} listing ${int(bad.errorCount)} invalid row, then the commit (not skipping) ${
    bad.refused ? `refused whole ("${bad.refused}")` : '**was not refused**'
  }; nothing written; peak RSS ${rss}.

`;
}

export function importSection(imp: ImportResult, changedRows: number, load: [number, number]): string {
  const runs = (label: string, rs: ImportRun[]) =>
    row(
      label,
      rs.map((r) => sec(r.previewMs)).join(' / '),
      rs.map((r) => sec(r.commitMs)).join(' / '),
      rs.map((r) => sec(r.totalMs)).join(' / '),
      rs.map((r) => sec(floorTotal(r.floor.allIndexes))).join(' / '),
      rs.map((r) => times(ratio(r))).join(' / '),
      rs.map((r) => (r.peakRssMb === null ? '?' : `${int(r.peakRssMb)} MB`)).join(' / '),
    );
  const fresh = medianRun(imp.fresh);
  const changed = imp.changed.length ? medianRun(imp.changed) : null;
  const phase = (label: string, pick: (r: ImportRun) => number) =>
    row(label, ms(pick(fresh)), changed ? ms(pick(changed)) : '–');
  const copy = median(imp.copyMs);
  const mb = (imp.fileBytes / 1e6).toFixed(1);
  const busy = ' (other work was running on the 2 cores: figures are upper bounds)';
  const changedLabel = `${int(changedRows)} changed, ${int(imp.agents - changedRows)} unchanged`;
  return `## 2. Import

The real import service (lib/agents/import/, decision 0037) in this process: \`previewImport\` (parse, diff,
classify, COPY the rows into the import's UNLOGGED stage) then \`commitImport\` (an INSERT … SELECT of the new agents
and a match-only MERGE into Agent, one INSERT … SELECT into AgentHistory, the versions by Agent's statement triggers)
through \`createDb(url)\`, on a new workspace in a new database cloned from the migrated template, each repeat;${
    imp.changed.length
      ? ` then the next export of the same fleet\n(${int(changedRows)} rows changed) on the same workspace.`
      : '\nthe fresh import only.'
  } ${int(imp.agents)} agents, ${mb} MB CSV,
on disk and read in pieces by the service (as a spooled upload is); full exports, no invalid rows. One-minute load
average ${load[0].toFixed(2)}
before the import runs and ${load[1].toFixed(2)} after${load[0] > 1 ? busy : ''}.

**Write floor**, measured after each import in the same run: the rows that import left (its Agent rows, its
AgentHistory rows, the RecordVersion rows the triggers added) COPYed by the server from files into
\`CREATE TABLE … (LIKE … INCLUDING ALL)\` copies (every index; no trigger, no foreign key), a CHECKPOINT before
each. The goal is judged against it.

| Import (${imp.fresh.length} repeats) | Preview | Commit | Preview + commit | Write floor | × floor | Peak RSS |
|---|---|---|---|---|---|---|
${runs(`fresh workspace, ${int(imp.agents)} created`, imp.fresh)}
${imp.changed.length ? runs(changedLabel, imp.changed) : ''}

Where the time of the median runs goes (each service's own progress callback):

| Phase | Fresh | Changed rows |
|---|---|---|
${phase(
  'preview: classification context; the file and every parsed row COPYed in pieces; duplicates, GPT ids',
  (r) => r.previewPhases.parse,
)}
${phase('preview: compare in SQL', (r) => r.previewPhases.loadDiffContext)}
${phase('preview: classify new app lists and changed rows, write the stage', (r) => r.previewPhases.classifyAndStage)}
${phase('preview: store the import row (the file joined in the server), commit', (r) => r.previewPhases.store)}
${phase('commit: lock, status, baseline and classification fingerprint', (r) => r.commitPhases.lockAndCheck)}
${phase('commit: MERGE into Agent (versions by its triggers)', (r) => r.commitPhases.writeAgents)}
${phase('commit: AgentHistory INSERT … SELECT, drop the stage', (r) => r.commitPhases.writeHistory)}
${phase('commit: mark committed, audit event, transaction commit', (r) => r.commitPhases.auditAndCommit)}

The floor of the median runs, per table — every index / without the GIN on Agent.appIds / no index at all:

| Floor | every index / no GIN / no index |
|---|---|
${floorTable('fresh', fresh.floor).join('\n')}
${changed ? floorTable('changed', changed.floor).join('\n') : ''}

${badLastLine(imp)}For reference, the CSV itself COPYed into an unindexed table of four \`text\` columns (${
    imp.copyMs.length
  } runs):
${imp.copyMs.map((t) => int(t)).join(', ')} ms, median ${ms(copy)};
the fresh import is ${times(fresh.totalMs / copy)} that.
`;
}
