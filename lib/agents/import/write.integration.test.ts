// The commit's statements (write.ts) against a real PostgreSQL: the MERGE of changed and missing agents reads the
// stage once, whatever the statistics say of the workspace. With the workspace in its join, the first import of a
// workspace the statistics had not counted yet was planned as a nested loop from Agent that scanned the stage once
// per agent (300 scans here; 100,000 scans of a 100,000-row stage in bench/import-profile.ts).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { NO_APPS } from '@/test/agent-row.ts';
import { createTestDatabase } from '@/test/db.ts';
import { splitSql } from './write.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const AGENTS = 300;
let url: string;
let db: Db;

beforeAll(async () => {
  url = await createTestDatabase('write');
  db = createDb(url);
  for (const id of ['ws-old', 'ws-new'])
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
});
afterAll(async () => db?.$disconnect());

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: PlanNode[] };

describe('the commit MERGE of changed agents', () => {
  it('scans the stage once when the statistics have not counted the workspace, and writes its rows', async () => {
    const agent = (ws: string, i: number) => ({
      ...NO_APPS,
      workspaceId: ws,
      externalId: `${ws}-${i}`,
      name: `Agent ${i}`,
      ownerEmail: 'owner@acme.example',
      configHash: 'h',
    });
    await db.agent.createMany({ data: Array.from({ length: AGENTS }, (_, i) => agent('ws-old', i)) });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The statistics know ws-old only; ws-new's agents arrive after them, as a first import's do.
      await client.query('ANALYZE "Agent"');
      await db.agent.createMany({ data: Array.from({ length: AGENTS }, (_, i) => agent('ws-new', i)) });
      await client.query('CREATE SCHEMA IF NOT EXISTS import_stage');
      const stage = 'import_stage."write-test"';
      await client.query(`CREATE TABLE ${stage} AS SELECT 1 AS seq,
        CASE WHEN a."externalId" = 'ws-new-0' THEN 'u' ELSE 'c' END AS op, a.id, a."updatedAt" AS before_at,
        a."externalId" AS external_id, a.name || ' v2' AS name, a."ownerEmail" AS owner, a.status, a.apps,
        a.connectors, a."configHash" AS config_hash, a."appIds" AS app_ids, a."unknownApps" AS unknown,
        a."unclassifiedMcp" AS mcp, a.legs, a."legCount" AS leg_count, a.trifecta, a."breakApps" AS break_apps,
        a."effectiveState" AS state, NULL::jsonb AS history FROM "Agent" a WHERE a."workspaceId" = 'ws-new'`);
      // A fresh import's stage: the new agents (already inserted by the commit's INSERT) and one changed agent.
      await client.query(`ANALYZE ${stage}`);
      const [, merge] = splitSql(stage);
      await client.query('BEGIN');
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${merge}`,
        [new Date(), 'ws-new'],
      );
      await client.query('ROLLBACK');
      const scans: PlanNode[] = [];
      const walk = (node: PlanNode) => {
        if (node['Relation Name'] === 'write-test') scans.push(node);
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(rows[0]!['QUERY PLAN'][0]!.Plan);
      expect(scans.map((s) => s['Actual Loops'])).toEqual([1]);
      await client.query('BEGIN');
      // Another workspace's agents are never matched, even by id; the right one's are all written (the count the
      // commit holds to the preview's).
      expect((await client.query(merge, [new Date(), 'ws-old'])).rowCount).toBe(0);
      expect((await client.query(merge, [new Date(), 'ws-new'])).rowCount).toBe(1);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
