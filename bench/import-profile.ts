// `tsx bench/import-profile.ts [--agents N]`: where an import's commit spends its time, not a bench. Imports a fleet,
// previews a fresh workspace's import and the next export with ~10% changed, then EXPLAIN ANALYZEs the commit's
// statements on each stage inside a rolled-back transaction (trigger times included) and prints the plans.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  await client.end();
  await db.$disconnect();
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
