// Bulk writes of an inventory import: unnest() over column arrays, a few thousand rows per statement.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db.ts';
import type { ClassificationColumns } from '@/lib/agents/classification-columns.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export const BATCH = 5000;

/** An agent's connectors, hash and classification: shared by every new agent with the same app list. */
export type AgentConfig = ClassificationColumns & { connectors: ConnectorInput[]; configHash: string };

export type AgentWrite = {
  id: string;
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  apps: string[];
  config: AgentConfig;
};

export type HistoryWrite = { agentId: string; kind: string; detail: unknown };

const COLUMNS = `"externalId" = u.external_id, name = u.name, "ownerEmail" = u.owner, status = u.status,
  apps = u.apps::text[], connectors = u.connectors::jsonb, "configHash" = u.config_hash,
  "inLatestExport" = true, "appIds" = u.app_ids::text[], "unknownApps" = u.unknown::text[],
  "unclassifiedMcp" = u.mcp::text[],
  legs = u.legs::jsonb, "legCount" = u.leg_count, trifecta = u.trifecta, "effectiveState" = u.state, "updatedAt" = $16,
  "breakApps" = u.break_apps::text[]`;

const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::bool[], $15::text[], $17::text[])
  AS u(id, external_id, name, owner, status, apps, connectors, config_hash, app_ids, unknown, mcp, legs, leg_count,
    trifecta, state, break_apps)`;

// unnest() cannot take ragged arrays: each row's text[] travels as its array literal, cast back server-side.
// Encodings are cached per shared AgentConfig / apps array: fleets repeat them.
type Encoded = { connectors: string; appIds: string; unknown: string; mcp: string; legs: string; breakApps: string };
const encodedConfigs = new WeakMap<AgentConfig, Encoded>();
const encodedApps = new WeakMap<string[], string>();

function encodeConfig(c: AgentConfig): Encoded {
  let e = encodedConfigs.get(c);
  if (e === undefined) {
    e = {
      connectors: JSON.stringify(c.connectors),
      appIds: arrayLiteral(c.appIds),
      unknown: arrayLiteral(c.unknownApps),
      mcp: arrayLiteral(c.unclassifiedMcp),
      legs: JSON.stringify(c.legs),
      breakApps: arrayLiteral(c.breakApps),
    };
    encodedConfigs.set(c, e);
  }
  return e;
}

function encodeApps(apps: string[]): string {
  let e = encodedApps.get(apps);
  if (e === undefined) {
    e = arrayLiteral(apps);
    encodedApps.set(apps, e);
  }
  return e;
}

function params(rows: AgentWrite[], at: Date): unknown[] {
  const enc = rows.map((r) => encodeConfig(r.config));
  const col = <T>(pick: (r: AgentWrite, e: Encoded) => T) => rows.map((r, i) => pick(r, enc[i]!));
  return [
    col((r) => r.id),
    col((r) => r.externalId),
    col((r) => r.name),
    col((r) => r.ownerEmail),
    col((r) => r.status),
    col((r) => encodeApps(r.apps)),
    col((_, e) => e.connectors),
    col((r) => r.config.configHash),
    col((_, e) => e.appIds),
    col((_, e) => e.unknown),
    col((_, e) => e.mcp),
    col((_, e) => e.legs),
    col((r) => r.config.legCount),
    col((r) => r.config.trifecta),
    col((r) => r.config.effectiveState),
    at,
    col((_, e) => e.breakApps),
  ];
}

/** PostgreSQL's text form of a text[]: every element quoted, `"` and `\\` escaped. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export async function insertAgents(
  tx: Tx,
  workspaceId: string,
  rows: AgentWrite[],
  at: Date,
  onBatch: (n: number) => void,
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "Agent" (id, "workspaceId", "externalId", name, "ownerEmail", status, apps, connectors,
         "configHash", "inLatestExport", "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta,
         "breakApps", "effectiveState", "firstSeenAt", "updatedAt")
       SELECT u.id, $18, u.external_id, u.name, u.owner, u.status, u.apps::text[], u.connectors::jsonb,
         u.config_hash, true, u.app_ids::text[], u.unknown::text[], u.mcp::text[], u.legs::jsonb, u.leg_count,
         u.trifecta, u.break_apps::text[], u.state, $16, $16
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
    await tx.$executeRawUnsafe(
      `UPDATE "Agent" a SET ${COLUMNS} FROM ${UNNEST} WHERE a.id = u.id`,
      ...params(batch, at),
    );
    onBatch(batch.length);
  }
}

export async function markMissing(tx: Tx, ids: string[], at: Date) {
  for (let i = 0; i < ids.length; i += BATCH) {
    await tx.$executeRawUnsafe(
      `UPDATE "Agent" SET "inLatestExport" = false, "updatedAt" = $2 WHERE id = ANY($1::text[])`,
      ids.slice(i, i + BATCH),
      at,
    );
  }
}

export async function insertHistory(tx: Tx, rows: HistoryWrite[], importId: string, at: Date) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "AgentHistory" ("agentId", at, kind, detail, "importId")
       SELECT u.agent_id, $4, u.kind, u.detail::jsonb, $5
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(agent_id, kind, detail)`,
      batch.map((r) => r.agentId),
      batch.map((r) => r.kind),
      batch.map((r) => JSON.stringify(r.detail)),
      at,
      importId,
    );
  }
}

export function newAgentId(): string {
  return randomUUID();
}
