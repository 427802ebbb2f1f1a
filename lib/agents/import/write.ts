// The commit's writes (decision 0037): an INSERT … SELECT and a match-only MERGE into "Agent", one INSERT … SELECT
// into "AgentHistory", all from the import's stage (`stage`: its table, lib/agents/import/stage.ts). "RecordVersion"
// follows from Agent's statement-level triggers (transition tables): one insert and one update statement.
import type { Tx } from '@/lib/db.ts';
import type { ClassificationColumns } from '@/lib/agents/classification-columns.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export { arrayLiteral } from '@/lib/csv/copy-text.ts';

/** Rows per statement for the writers that still send unnest() batches (roster import). */
export const BATCH = 5000;

/** An agent's connectors, hash and classification: shared by every new agent with the same app list. */
export type AgentConfig = ClassificationColumns & { connectors: ConnectorInput[]; configHash: string };

/**
 * Creates, changes and marks missing every staged agent of this workspace: the new agents by one INSERT … SELECT
 * (no join to Agent: the preview found none of them, and the commit's lock and baseline hold that), the changed and
 * missing ones by a MERGE that can only match (joined on the primary key, the workspace checked in its arms). A
 * changed or missing row is written only if the agent is as the preview saw it (same updatedAt); returns the rows
 * written, which the caller holds to the preview's counts.
 */
export async function mergeAgents(tx: Tx, stage: string, workspaceId: string, at: Date): Promise<number> {
  let written = 0;
  for (const sql of splitSql(stage)) written += await tx.$executeRawUnsafe(sql, at, workspaceId);
  return written;
}

/** The one-statement MERGE the commit ran before splitSql ($1 the time written, $2 the workspace): the profile's
 * baseline (bench/import-profile.ts). */
export function mergeSql(stage: string): string {
  return `MERGE INTO "Agent" a USING ${stage} s ON a.id = s.id AND a."workspaceId" = $2
     WHEN MATCHED AND s.op = 'u' AND a."updatedAt" = s.before_at THEN UPDATE SET
       "externalId" = s.external_id, name = s.name, "ownerEmail" = s.owner, status = s.status, apps = s.apps,
       connectors = s.connectors, "configHash" = s.config_hash, "inLatestExport" = true, "appIds" = s.app_ids,
       "unknownApps" = s.unknown, "unclassifiedMcp" = s.mcp, legs = s.legs, "legCount" = s.leg_count,
       trifecta = s.trifecta, "breakApps" = s.break_apps, "effectiveState" = s.state, "updatedAt" = $1
     WHEN MATCHED AND s.op = 'm' AND a."updatedAt" = s.before_at THEN UPDATE SET
       "inLatestExport" = false, "updatedAt" = $1
     WHEN NOT MATCHED AND s.op = 'c' THEN INSERT (id, "workspaceId", "externalId", name, "ownerEmail", status, apps,
       connectors, "configHash", "inLatestExport", "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount",
       trifecta, "breakApps", "effectiveState", "firstSeenAt", "updatedAt")
     VALUES (s.id, $2, s.external_id, s.name, s.owner, s.status, s.apps, s.connectors, s.config_hash, true, s.app_ids,
       s.unknown, s.mcp, s.legs, s.leg_count, s.trifecta, s.break_apps, s.state, $1, $1)`;
}

/**
 * mergeAgents' two statements: an INSERT … SELECT of the new agents (no join to Agent at all) and a MERGE of the
 * changed and missing ones that can only match (an inner join). The profile put the fresh commit 17% under mergeSql.
 * The MERGE joins on the primary key alone and checks the workspace in its arms: with the workspace in the join, the
 * first import of a workspace the statistics had not counted yet (another workspace's agents analyzed, this one's
 * just inserted by the INSERT) was planned at one agent, as a nested loop from Agent that scanned the whole stage once
 * per agent — quadratic (bench/import-profile.ts ran it for over eight minutes at 100,000 agents). Joined on the key,
 * the stage drives (write.integration.test.ts).
 */
export function splitSql(stage: string): [string, string] {
  const insert = `INSERT INTO "Agent" (id, "workspaceId", "externalId", name, "ownerEmail", status, apps, connectors,
       "configHash", "inLatestExport", "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta,
       "breakApps", "effectiveState", "firstSeenAt", "updatedAt")
     SELECT s.id, $2::text, s.external_id, s.name, s.owner, s.status, s.apps, s.connectors, s.config_hash, true,
       s.app_ids, s.unknown, s.mcp, s.legs, s.leg_count, s.trifecta, s.break_apps, s.state, $1::timestamptz(3),
       $1::timestamptz(3)
     FROM ${stage} s WHERE s.op = 'c'`;
  const matched = `MERGE INTO "Agent" a USING (SELECT * FROM ${stage} WHERE op <> 'c') s ON a.id = s.id
     WHEN MATCHED AND a."workspaceId" = $2::text AND s.op = 'u' AND a."updatedAt" = s.before_at THEN UPDATE SET
       "externalId" = s.external_id, name = s.name, "ownerEmail" = s.owner, status = s.status, apps = s.apps,
       connectors = s.connectors, "configHash" = s.config_hash, "inLatestExport" = true, "appIds" = s.app_ids,
       "unknownApps" = s.unknown, "unclassifiedMcp" = s.mcp, legs = s.legs, "legCount" = s.leg_count,
       trifecta = s.trifecta, "breakApps" = s.break_apps, "effectiveState" = s.state, "updatedAt" = $1
     WHEN MATCHED AND a."workspaceId" = $2::text AND s.op = 'm' AND a."updatedAt" = s.before_at THEN UPDATE SET
       "inLatestExport" = false, "updatedAt" = $1`;
  return [insert, matched];
}

/** The history of every staged row: `created`, each change of a changed agent in order, `missing_from_export`. */
export async function insertHistory(tx: Tx, stage: string, importId: string, at: Date): Promise<number> {
  return tx.$executeRawUnsafe(historySql(stage), at, importId);
}

/** The INSERT of insertHistory: $1 the time written, $2 the import. */
export function historySql(stage: string): string {
  return `INSERT INTO "AgentHistory" ("agentId", at, kind, detail, "importId")
     SELECT h.agent_id, $1, h.kind, h.detail, $2 FROM (
       SELECT s.id AS agent_id, 'created' AS kind,
         jsonb_build_object('apps', to_jsonb(s.apps), 'ownerEmail', s.owner, 'name', s.name) AS detail
       FROM ${stage} s WHERE s.op = 'c'
       UNION ALL
       SELECT s.id, x.change->>'kind', x.change - 'kind'
       FROM ${stage} s CROSS JOIN LATERAL jsonb_array_elements(s.history) WITH ORDINALITY AS x(change, n)
       WHERE s.op = 'u'
       UNION ALL
       SELECT s.id, 'missing_from_export', '{}'::jsonb FROM ${stage} s WHERE s.op = 'm'
     ) h`;
}
