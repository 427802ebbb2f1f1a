// Bulk writes of an inventory import: unnest() over column arrays, a few thousand rows per statement.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db.ts';
import type { ClassificationColumns } from '../classification-columns.ts';
import type { ConnectorInput } from '../../trifecta/types.ts';

export const BATCH = 5000;

export type AgentWrite = ClassificationColumns & {
  id: string;
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  apps: string[];
  connectors: ConnectorInput[];
  configHash: string;
};

export type HistoryWrite = { agentId: string; kind: string; detail: unknown };

const COLUMNS = `"externalId" = u.external_id, name = u.name, "ownerEmail" = u.owner, status = u.status,
  apps = ARRAY(SELECT jsonb_array_elements_text(u.apps::jsonb)), connectors = u.connectors::jsonb, "configHash" = u.config_hash,
  "inLatestExport" = true, "appIds" = ARRAY(SELECT jsonb_array_elements_text(u.app_ids::jsonb)),
  "unknownApps" = ARRAY(SELECT jsonb_array_elements_text(u.unknown::jsonb)),
  "unclassifiedMcp" = ARRAY(SELECT jsonb_array_elements_text(u.mcp::jsonb)),
  legs = u.legs::jsonb, "legCount" = u.leg_count, trifecta = u.trifecta, "effectiveState" = u.state, "updatedAt" = $16,
  "breakApps" = ARRAY(SELECT jsonb_array_elements_text(u.break_apps::jsonb))`;

const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::bool[], $15::text[], $17::text[])
  AS u(id, external_id, name, owner, status, apps, connectors, config_hash, app_ids, unknown, mcp, legs, leg_count, trifecta, state, break_apps)`;

function params(rows: AgentWrite[], at: Date): unknown[] {
  const json = (pick: (r: AgentWrite) => unknown) => rows.map((r) => JSON.stringify(pick(r)));
  return [
    rows.map((r) => r.id), rows.map((r) => r.externalId), rows.map((r) => r.name), rows.map((r) => r.ownerEmail), rows.map((r) => r.status),
    json((r) => r.apps), json((r) => r.connectors), rows.map((r) => r.configHash), json((r) => r.appIds), json((r) => r.unknownApps),
    json((r) => r.unclassifiedMcp), json((r) => r.legs), rows.map((r) => r.legCount), rows.map((r) => r.trifecta), rows.map((r) => r.effectiveState), at, json((r) => r.breakApps),
  ];
}

export async function insertAgents(tx: Tx, workspaceId: string, rows: AgentWrite[], at: Date, onBatch: (n: number) => void) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "Agent" (id, "workspaceId", "externalId", name, "ownerEmail", status, apps, connectors, "configHash", "inLatestExport",
         "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta, "breakApps", "effectiveState", "firstSeenAt", "updatedAt")
       SELECT u.id, $18, u.external_id, u.name, u.owner, u.status, ARRAY(SELECT jsonb_array_elements_text(u.apps::jsonb)), u.connectors::jsonb,
         u.config_hash, true, ARRAY(SELECT jsonb_array_elements_text(u.app_ids::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.unknown::jsonb)),
         ARRAY(SELECT jsonb_array_elements_text(u.mcp::jsonb)), u.legs::jsonb, u.leg_count, u.trifecta,
         ARRAY(SELECT jsonb_array_elements_text(u.break_apps::jsonb)), u.state, $16, $16
       FROM ${UNNEST}`,
      ...params(batch, at),
      workspaceId,
    );
    onBatch(batch.length);
  }
}

export async function updateAgents(tx: Tx, rows: AgentWrite[], at: Date, onBatch: (n: number) => void) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(`UPDATE "Agent" a SET ${COLUMNS} FROM ${UNNEST} WHERE a.id = u.id`, ...params(batch, at));
    onBatch(batch.length);
  }
}

export async function markMissing(tx: Tx, ids: string[], at: Date) {
  for (let i = 0; i < ids.length; i += BATCH) {
    await tx.$executeRawUnsafe(`UPDATE "Agent" SET "inLatestExport" = false, "updatedAt" = $2 WHERE id = ANY($1::text[])`, ids.slice(i, i + BATCH), at);
  }
}

export async function insertHistory(tx: Tx, rows: HistoryWrite[], importId: string, at: Date) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "AgentHistory" ("agentId", at, kind, detail, "importId")
       SELECT u.agent_id, $4, u.kind, u.detail::jsonb, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(agent_id, kind, detail)`,
      batch.map((r) => r.agentId), batch.map((r) => r.kind), batch.map((r) => JSON.stringify(r.detail)), at, importId,
    );
  }
}

export function newAgentId(): string {
  return randomUUID();
}
