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

// The JSON-heavy rows go as one JSON document read by jsonb_to_recordset: as text[] parameters every quote of every
// raw object was escaped again for PostgreSQL's array syntax, about a second of a 20,000-GPT read (bench/RESULTS.md).
// A JSON null read into a jsonb column is SQL NULL there: COALESCE keeps it JSON null, as the text casts stored it.

/** A version already stored for the GPT is never rewritten. */
export async function insertVersions(tx: Tx, rows: VersionRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const doc = rows.map((r) => ({
    agent_id: r.agentId,
    config_id: r.configId,
    created_at: iso(r.configCreatedAt),
    risk_hash: r.riskHash,
    config: r.config ?? null,
    raw: r.raw ?? {},
  }));
  await tx.$executeRawUnsafe(
    `INSERT INTO "GptConfigVersion" ("agentId", "configId", "configCreatedAt", "riskHash", config, raw, "firstSeenAt")
     SELECT u.agent_id, u.config_id, u.created_at::timestamptz, u.risk_hash, COALESCE(u.config, 'null'::jsonb),
       u.raw, $1
     FROM jsonb_to_recordset($2::jsonb)
       AS u(agent_id text, config_id text, created_at text, risk_hash text, config jsonb, raw jsonb)
     ON CONFLICT ("agentId", "configId") DO NOTHING`,
    at,
    JSON.stringify(doc),
  );
}

/** New or replaced states: one statement either way. */
export async function upsertStates(tx: Tx, workspaceId: string, rows: StateRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const doc = rows.map((r) => ({
    agent_id: r.agentId,
    raw: r.raw ?? null,
    sha: r.rawSha256,
    gpt: r.gpt ?? null,
    visibility: r.visibility,
    recipients: r.recipients ?? null,
    capabilities: r.capabilities,
    config_id: r.configId,
    updated_at: iso(r.platformUpdatedAt),
    source: r.source,
  }));
  await tx.$executeRawUnsafe(
    `INSERT INTO "GptState" ("agentId", "workspaceId", raw, "rawSha256", gpt, visibility, recipients, capabilities,
       "configId", "platformUpdatedAt", source, "lastReadAt", "changedAt")
     SELECT u.agent_id, $1, COALESCE(u.raw, 'null'::jsonb), u.sha, COALESCE(u.gpt, 'null'::jsonb), u.visibility,
       COALESCE(u.recipients, 'null'::jsonb), u.capabilities, u.config_id, u.updated_at::timestamptz, u.source, $2, $2
     FROM jsonb_to_recordset($3::jsonb)
       AS u(agent_id text, raw jsonb, sha text, gpt jsonb, visibility text, recipients jsonb, capabilities text[],
         config_id text, updated_at text, source text)
     ON CONFLICT ("agentId") DO UPDATE SET "workspaceId" = EXCLUDED."workspaceId", raw = EXCLUDED.raw,
       "rawSha256" = EXCLUDED."rawSha256", gpt = EXCLUDED.gpt, visibility = EXCLUDED.visibility,
       recipients = EXCLUDED.recipients, capabilities = EXCLUDED.capabilities, "configId" = EXCLUDED."configId",
       "platformUpdatedAt" = EXCLUDED."platformUpdatedAt", source = EXCLUDED.source,
       "lastReadAt" = EXCLUDED."lastReadAt", "changedAt" = EXCLUDED."changedAt"`,
    workspaceId,
    at,
    JSON.stringify(doc),
  );
}
