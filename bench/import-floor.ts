// The write floor of an import (issue 20): the rows one import left — its Agent rows, its AgentHistory rows and the
// RecordVersion rows Agent's triggers added — COPYed by the server from files into copies of those three tables,
// measured in the same run as the import. Three designs of the copies: every index (`CREATE TABLE … (LIKE …
// INCLUDING ALL)`, the floor the goal is judged against), the same without the GIN on Agent.appIds, and no index
// at all (`LIKE` alone: columns and NOT NULL). Triggers and foreign keys are never copied by LIKE.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

const TABLES = ['Agent', 'AgentHistory', 'RecordVersion'] as const;
type Table = (typeof TABLES)[number];
export type TableTimes = Record<Table, number>;
export type Floor = { rows: TableTimes; allIndexes: TableTimes; noGin: TableTimes; raw: TableTimes };

export const floorTotal = (t: TableTimes) => t.Agent + t.AgentHistory + t.RecordVersion;

/** `versionsAfter`: the largest RecordVersion id before the import, so its versions are those after it. */
export async function measureFloor(
  client: pg.Client,
  workDir: string,
  importId: string,
  versionsAfter: string,
): Promise<Floor> {
  // Under root the embedded server runs as `postgres`: it writes and reads these files itself.
  const dir = path.join(workDir, 'floor');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const file = (t: Table) => path.join(dir, `${t}.tsv`);
  const id = importId.replace(/'/g, "''");
  const selects: Record<Table, string> = {
    Agent: `SELECT * FROM "Agent" WHERE id IN (SELECT "agentId" FROM "AgentHistory" WHERE "importId" = '${id}')`,
    AgentHistory: `SELECT * FROM "AgentHistory" WHERE "importId" = '${id}'`,
    RecordVersion: `SELECT * FROM "RecordVersion" WHERE id > ${BigInt(versionsAfter)}`,
  };
  const rows = {} as TableTimes;
  try {
    for (const t of TABLES) rows[t] = (await client.query(`COPY (${selects[t]}) TO '${file(t)}'`)).rowCount ?? 0;
    const time = async (like: string, dropGin: boolean): Promise<TableTimes> => {
      const times = {} as TableTimes;
      for (const t of TABLES) {
        await client.query(`CREATE TABLE floor_copy (LIKE "${t}"${like})`);
        if (dropGin) {
          const gin = await client.query<{ name: string }>(
            `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'floor_copy' AND indexdef LIKE '%USING gin%'`,
          );
          for (const { name } of gin.rows) await client.query(`DROP INDEX "${name}"`);
        }
        await client.query('CHECKPOINT');
        const t0 = performance.now();
        await client.query(`COPY floor_copy FROM '${file(t)}'`);
        times[t] = performance.now() - t0;
        await client.query('DROP TABLE floor_copy');
      }
      return times;
    };
    const allIndexes = await time(' INCLUDING ALL', false);
    const noGin = await time(' INCLUDING ALL', true);
    const raw = await time('', false);
    return { rows, allIndexes, noGin, raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
