// Bulk inserts of a batch of new GPTs: one INSERT … SELECT FROM unnest() per table, as the agent import writes
// (lib/agents/import/write.ts). A first read writes tens of kB of JSON per GPT (its raw object and every raw
// version); row-by-row client inserts spent several milliseconds a row on that, this spends well under one.
import { arrayLiteral } from '@/lib/agents/import/write.ts';
import type { Tx } from '@/lib/db.ts';

export type NewAgentRow = {
  id: string;
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  apps: string[];
  configHash: string;
  appIds: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  legs: unknown;
  legCount: number;
  trifecta: boolean;
  breakApps: string[];
  effectiveState: string;
};

export type VersionRow = {
  agentId: string;
  configId: string;
  configCreatedAt: Date | null;
  riskHash: string;
  config: unknown;
  raw: unknown;
};

export type StateRow = {
  agentId: string;
  raw: unknown;
  rawSha256: string | null;
  gpt: unknown;
  visibility: string;
  recipients: unknown;
  capabilities: string[];
  configId: string | null;
  platformUpdatedAt: Date | null;
  source: string;
};

const col = <T, V>(rows: T[], pick: (row: T) => V) => rows.map(pick);
const json = (value: unknown) => JSON.stringify(value ?? null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The classification columns of a batch, in the order both statements below take them from $3 on. */
function agentColumns(rows: NewAgentRow[]) {
  return [
    col(rows, (r) => r.id),
    col(rows, (r) => r.externalId),
    col(rows, (r) => r.name),
    col(rows, (r) => r.ownerEmail),
    col(rows, (r) => r.status),
    col(rows, (r) => arrayLiteral(r.apps)),
    col(rows, (r) => r.configHash),
    col(rows, (r) => arrayLiteral(r.appIds)),
    col(rows, (r) => arrayLiteral(r.unknownApps)),
    col(rows, (r) => arrayLiteral(r.unclassifiedMcp)),
    col(rows, (r) => json(r.legs)),
    col(rows, (r) => r.legCount),
    col(rows, (r) => r.trifecta),
    col(rows, (r) => arrayLiteral(r.breakApps)),
    col(rows, (r) => r.effectiveState),
  ];
}
const AGENT_UNNEST = `unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::bool[], $16::text[], $17::text[])
       AS u(id, external_id, name, owner, status, apps, config_hash, app_ids, unknown, mcp, legs, leg_count,
         trifecta, break_apps, state)`;

export async function insertGptAgents(tx: Tx, workspaceId: string, rows: NewAgentRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Agent" (id, "workspaceId", "externalId", kind, name, "ownerEmail", status, apps, connectors,
       "configHash", "inLatestExport", "appIds", "unknownApps", "unclassifiedMcp", legs, "legCount", trifecta,
       "breakApps", "effectiveState", "firstSeenAt", "updatedAt")
     SELECT u.id, $1, u.external_id, 'custom_gpt', u.name, u.owner, u.status, u.apps::text[], '[]'::jsonb,
       u.config_hash, true, u.app_ids::text[], u.unknown::text[], u.mcp::text[], u.legs::jsonb, u.leg_count,
       u.trifecta, u.break_apps::text[], u.state, $2, $2
     FROM ${AGENT_UNNEST}`,
    workspaceId,
    at,
    ...agentColumns(rows),
  );
}

/** Changed GPTs in one statement (a later read changes a few in every page; one update each cost a round trip and
 *  a trigger run each). Only GPT rows of the workspace, by id. */
export async function updateGptAgents(tx: Tx, workspaceId: string, rows: NewAgentRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Agent" a SET name = u.name, "ownerEmail" = u.owner, status = u.status, apps = u.apps::text[],
       "configHash" = u.config_hash, "inLatestExport" = true, "appIds" = u.app_ids::text[],
       "unknownApps" = u.unknown::text[], "unclassifiedMcp" = u.mcp::text[], legs = u.legs::jsonb,
       "legCount" = u.leg_count, trifecta = u.trifecta, "breakApps" = u.break_apps::text[], "effectiveState" = u.state,
       "updatedAt" = $2
     FROM ${AGENT_UNNEST}
     WHERE a.id = u.id AND a."workspaceId" = $1 AND a.kind = 'custom_gpt'`,
    workspaceId,
    at,
    ...agentColumns(rows),
  );
}

/** A version already stored for the GPT is never rewritten. */
export async function insertVersions(tx: Tx, rows: VersionRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "GptConfigVersion" ("agentId", "configId", "configCreatedAt", "riskHash", config, raw, "firstSeenAt")
     SELECT u.agent_id, u.config_id, u.created_at::timestamptz, u.risk_hash, u.config::jsonb, u.raw::jsonb, $1
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       AS u(agent_id, config_id, created_at, risk_hash, config, raw)
     ON CONFLICT ("agentId", "configId") DO NOTHING`,
    at,
    col(rows, (r) => r.agentId),
    col(rows, (r) => r.configId),
    col(rows, (r) => iso(r.configCreatedAt)),
    col(rows, (r) => r.riskHash),
    col(rows, (r) => json(r.config)),
    col(rows, (r) => json(r.raw ?? {})),
  );
}

/** New or replaced states: one statement either way. */
export async function upsertStates(tx: Tx, workspaceId: string, rows: StateRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "GptState" ("agentId", "workspaceId", raw, "rawSha256", gpt, visibility, recipients, capabilities,
       "configId", "platformUpdatedAt", source, "lastReadAt", "changedAt")
     SELECT u.agent_id, $1, u.raw::jsonb, u.sha, u.gpt::jsonb, u.visibility, u.recipients::jsonb,
       u.capabilities::text[], u.config_id, u.updated_at::timestamptz, u.source, $2, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[])
       AS u(agent_id, raw, sha, gpt, visibility, recipients, capabilities, config_id, updated_at, source)
     ON CONFLICT ("agentId") DO UPDATE SET "workspaceId" = EXCLUDED."workspaceId", raw = EXCLUDED.raw,
       "rawSha256" = EXCLUDED."rawSha256", gpt = EXCLUDED.gpt, visibility = EXCLUDED.visibility,
       recipients = EXCLUDED.recipients, capabilities = EXCLUDED.capabilities, "configId" = EXCLUDED."configId",
       "platformUpdatedAt" = EXCLUDED."platformUpdatedAt", source = EXCLUDED.source,
       "lastReadAt" = EXCLUDED."lastReadAt", "changedAt" = EXCLUDED."changedAt"`,
    workspaceId,
    at,
    col(rows, (r) => r.agentId),
    col(rows, (r) => json(r.raw)),
    col(rows, (r) => r.rawSha256),
    col(rows, (r) => json(r.gpt)),
    col(rows, (r) => r.visibility),
    col(rows, (r) => json(r.recipients)),
    col(rows, (r) => arrayLiteral(r.capabilities)),
    col(rows, (r) => r.configId),
    col(rows, (r) => iso(r.platformUpdatedAt)),
    col(rows, (r) => r.source),
  );
}
