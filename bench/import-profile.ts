// `tsx bench/import-profile.ts [--agents N]`: where an import's commit spends its time, not a bench. Imports a fleet,
// previews a fresh workspace's import and the next export with ~10% changed, then EXPLAIN ANALYZEs the commit's
// statements on each stage inside a rolled-back transaction (trigger times included) and prints the plans. Last, the
// changed rows' Agent writes with no trigger and no foreign key, two ways (decision 0044): COPYed into an empty
// indexed copy (what the write floor does) and UPDATEd in an indexed copy of the workspace's agents (what any
// import of changed rows must do).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { stageTable } from '@/lib/agents/import/stage.ts';
import { historySql, mergeSql, splitSql } from '@/lib/agents/import/write.ts';
import { createDb } from '@/lib/db.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { changeAgents, generateAgents, toCsv } from './generate.ts';

const actor = { id: null, label: 'bench', role: 'admin' };
const { values } = parseArgs({ options: { agents: { type: 'string', default: '100000' } } });
const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-import-profile-'));
chmodSync(workDir, 0o755);
const dataDir = path.join(workDir, 'pg-data');
mkdirSync(dataDir, { mode: 0o755 });
const server = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'prof' });
try {
  await migrate(server.url);
  const db = createDb(server.url);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const fleet = generateAgents(Number(values.agents));
  const next = changeAgents(fleet, 0.1);
  const file = (text: string) => ({ filename: 'a.csv', content: Buffer.from(text), fullExport: true });
  for (const ws of ['a', 'b'])
    await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
  const first = await previewImport(db, actor, 'a', file(toCsv(fleet)));
  await commitImport(db, actor, 'a', first.id, { skipInvalid: false });
  const changed = await previewImport(db, actor, 'a', file(toCsv(next.agents)));
  const fresh = await previewImport(db, actor, 'b', file(toCsv(fleet)));
  const at = new Date();
  const show = (label: string, rows: { 'QUERY PLAN': string }[]) => {
    const lines = rows.map((r) => r['QUERY PLAN']).filter((l) => !/^\s*(Buffers|I\/O Timings|Planning)/.test(l));
    console.log(`--- ${label}\n${lines.join('\n')}`);
  };
  const explain = async (sql: string, params: unknown[]) =>
    (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows;
  for (const [label, ws, id] of [
    ['10% changed', 'a', changed.id],
    ['fresh', 'b', fresh.id],
  ] as const) {
    const stage = stageTable(id);
    const history = historySql(stage);
    await client.query('BEGIN');
    show(`${label}: MERGE`, await explain(mergeSql(stage), [at, ws]));
    show(`${label}: history`, await explain(history, [at, id]));
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    for (const sql of splitSql(stage)) show(`${label}: split`, await explain(sql, [at, ws]));
    await client.query('ROLLBACK');
  }
  const floors = await agentFloors(client, stageTable(changed.id));
  console.log(`--- 10% changed: Agent rows alone (no trigger, no foreign key)\n${floors}`);
  await client.end();
  await db.$disconnect();
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}

/** The changed rows COPYed into an empty indexed copy of Agent, then UPDATEd in an indexed copy of their workspace. */
async function agentFloors(client: pg.Client, stage: string): Promise<string> {
  const changedRows = `SELECT a.* FROM "Agent" a JOIN ${stage} s ON s.id = a.id WHERE s.op <> 'c'`;
  const timed = async (sql: string) => {
    await client.query('CHECKPOINT');
    const t0 = performance.now();
    const r = await client.query(sql);
    return `${(performance.now() - t0).toFixed(0)} ms (${r.rowCount} rows)`;
  };
  await client.query(`CREATE TEMP TABLE floor_rows AS ${changedRows}`);
  await client.query('CREATE TABLE floor_empty (LIKE "Agent" INCLUDING ALL)');
  await client.query('CREATE TABLE floor_fleet (LIKE "Agent" INCLUDING ALL)');
  await client.query(`INSERT INTO floor_fleet SELECT * FROM "Agent" WHERE "workspaceId" = 'a'`);
  await client.query('VACUUM ANALYZE floor_fleet');
  try {
    // INSERT … SELECT from a temporary table stands in for the floor's COPY from a file (same rows, same indexes).
    const insert = await timed('INSERT INTO floor_empty SELECT * FROM floor_rows');
    const update = await timed(`UPDATE floor_fleet a SET name = s.name, "ownerEmail" = s.owner, status = s.status,
      apps = s.apps, connectors = s.connectors, "configHash" = s.config_hash, "appIds" = s.app_ids,
      "unknownApps" = s.unknown, "unclassifiedMcp" = s.mcp, legs = s.legs, "legCount" = s.leg_count,
      trifecta = s.trifecta, "breakApps" = s.break_apps, "effectiveState" = s.state, "updatedAt" = now()
      FROM ${stage} s WHERE s.id = a.id AND s.op <> 'c'`);
    return `into an empty indexed copy: ${insert}\nupdated in an indexed copy of the workspace: ${update}`;
  } finally {
    await client.query('DROP TABLE floor_empty, floor_fleet, floor_rows');
  }
}
