// The preview's diff in the server (decision 0037): the parsed rows are in a temporary table (parsed.ts), one
// statement compares them with the workspace's agents (new, changed or unchanged, and the agents a full export
// leaves out), and only the new rows' distinct app lists and the changed rows come back — through cursors, a batch at
// a time — to be classified in TypeScript. Their classification goes into the stage in one INSERT … SELECT;
// unchanged rows never reach it.
import type pg from 'pg';
import { arrayLiteral, copyLine } from '@/lib/csv/copy-text.ts';
import type { InventoryRow } from '@/lib/agents/inventory-csv.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { changesOf, nextConnectors, type AgentChange, type ExistingAgent } from './diff.ts';
import { becomesExposed, classifyConfig, rowRisk, stateNow, type RiskContext, type RowRisk } from './preview-risk.ts';
import { copyLines, fetchBatches, STAGE_COLUMNS } from './stage.ts';
import type { AgentConfig } from './write.ts';

const SAMPLE = 200;

export type PlanInput = {
  workspaceId: string;
  /** The kind an export never touches (custom GPTs). */
  gptKind: string;
  /** Valid rows in `import_parsed` (parsed.ts); its invalid rows' ids are still listed, so never "not in this
   *  export". */
  valid: number;
  fullExport: boolean;
  context: RiskContext;
  /** Called once the rows are compared with the agents, before classification. */
  onCompared?: () => void;
};

export type Plan = {
  counts: { created: number; changed: number; unchanged: number; missing: number };
  created: { agentId: string; name: string; apps: string[]; risk: RowRisk }[];
  changed: { agentId: string; name: string; changes: AgentChange[]; risk: RowRisk }[];
  missing: { agentId: string; name: string }[];
  /** Counted by effective state (action control and exceptions included), not by the three legs alone. */
  newlyExposed: { agentId: string; name: string }[];
  newlyExposedCount: number;
};

const classificationFields = (c: AgentConfig) => [
  JSON.stringify(c.connectors),
  c.configHash,
  arrayLiteral(c.appIds),
  arrayLiteral(c.unknownApps),
  arrayLiteral(c.unclassifiedMcp),
  JSON.stringify(c.legs),
  c.legCount,
  c.trifecta,
  arrayLiteral(c.breakApps),
  c.effectiveState,
];
const CLASSIFICATION_DDL = `connectors jsonb, config_hash text, app_ids text[], unknown text[], mcp text[], legs jsonb,
  leg_count int, trifecta boolean, break_apps text[], state text`;

/** Stages the import into `stage` (created, empty) from `import_parsed`, inside the caller's transaction. */
export async function planImport(client: pg.Client, stage: string, input: PlanInput): Promise<Plan> {
  await client.query(`CREATE TEMP TABLE import_plan (seq int, op text NOT NULL, id text NOT NULL,
    before_at timestamptz(3), external_id text, name text, owner text, status text, apps text[]) ON COMMIT DROP`);
  // A candidate for "changed" is any difference at all; diff.ts then says what changed (apps compared by their
  // catalogue key): a candidate with no change is unchanged. Ids come from the server for new agents.
  await client.query(
    `INSERT INTO import_plan
     SELECT p.seq, CASE WHEN a.id IS NULL THEN 'c' ELSE 'u' END, coalesce(a.id, gen_random_uuid()::text),
       a."updatedAt", p.external_id, p.name, p.owner, p.status, p.apps
     FROM import_parsed p LEFT JOIN "Agent" a ON a."workspaceId" = $1 AND a."externalId" = p.external_id
     WHERE p.error IS NULL AND (a.id IS NULL OR NOT a."inLatestExport" OR a.name IS DISTINCT FROM p.name
       OR a."ownerEmail" IS DISTINCT FROM p.owner OR (p.status IS NOT NULL AND p.status IS DISTINCT FROM a.status)
       OR a.apps IS DISTINCT FROM p.apps)
     UNION ALL
     SELECT NULL, 'm', a.id, a."updatedAt", a."externalId", a.name, NULL, NULL, NULL
     FROM "Agent" a WHERE $2 AND a."workspaceId" = $1 AND a.kind <> $3 AND a."inLatestExport"
       AND NOT EXISTS (SELECT 1 FROM import_parsed p WHERE p.external_id = a."externalId")`,
    [input.workspaceId, input.fullExport, input.gptKind],
  );
  await client.query('ANALYZE import_plan');
  input.onCompared?.();

  const plan: Plan = {
    counts: { created: 0, changed: 0, unchanged: 0, missing: 0 },
    created: [],
    changed: [],
    missing: [],
    newlyExposed: [],
    newlyExposedCount: 0,
  };
  const fresh = await classifyNew(client, input.context, plan);
  await classifyChanged(client, input.context, plan);
  // Every valid row is new, changed or unchanged (a changed candidate with no change included).
  plan.counts.unchanged = input.valid - plan.counts.created - plan.counts.changed;

  await client.query(
    `INSERT INTO ${stage} (${STAGE_COLUMNS})
     SELECT p.seq, p.op, p.id, p.before_at, p.external_id, p.name, p.owner, coalesce(u.status, p.status, 'unknown'),
       p.apps, coalesce(u.connectors, k.connectors), coalesce(u.config_hash, k.config_hash),
       coalesce(u.app_ids, k.app_ids), coalesce(u.unknown, k.unknown), coalesce(u.mcp, k.mcp),
       coalesce(u.legs, k.legs), coalesce(u.leg_count, k.leg_count), coalesce(u.trifecta, k.trifecta),
       coalesce(u.break_apps, k.break_apps), coalesce(u.state, k.state), u.history
     FROM import_plan p
     LEFT JOIN import_new k ON p.op = 'c' AND k.apps = p.apps
     LEFT JOIN import_changed u ON p.op = 'u' AND u.seq = p.seq
     WHERE p.op <> 'u' OR u.seq IS NOT NULL`,
  );
  plan.counts.missing = await sampleMissing(client, plan);
  // The newly exposed in the order the preview lists them: new agents (file order), then changed ones.
  const exposedNew = await client.query<{ external_id: string; name: string }>(
    `SELECT external_id, name FROM ${stage} WHERE op = 'c' AND state = 'exposed' ORDER BY seq LIMIT ${SAMPLE}`,
  );
  const exposedChanged = plan.newlyExposed;
  plan.newlyExposed = [...exposedNew.rows.map((r) => ({ agentId: r.external_id, name: r.name })), ...exposedChanged];
  plan.newlyExposed.length = Math.min(plan.newlyExposed.length, SAMPLE);
  plan.newlyExposedCount += fresh.exposed;
  // The commit's MERGE joins the stage to "Agent": give the planner its size.
  await client.query(`ANALYZE ${stage}`);
  return plan;
}

/** New agents: each distinct app list classified once (a new agent has no settings and no exception yet). */
async function classifyNew(client: pg.Client, context: RiskContext, plan: Plan) {
  await client.query(`CREATE TEMP TABLE import_new (apps text[], ${CLASSIFICATION_DDL}) ON COMMIT DROP`);
  let exposed = 0;
  const lists = fetchBatches<{ apps: string[]; n: number }>(
    client,
    `SELECT apps, count(*)::int AS n FROM import_plan WHERE op = 'c' GROUP BY apps`,
  );
  for await (const batch of lists) {
    const lines: string[] = [];
    for (const { apps, n } of batch) {
      const config = classifyConfig(
        apps.map((app) => ({ app })),
        context,
      );
      plan.counts.created += n;
      if (becomesExposed(config.effectiveState, null)) exposed += n;
      lines.push(copyLine([arrayLiteral(apps), ...classificationFields(config)]));
    }
    await copyLines(client, 'import_new', lines);
  }
  await client.query('ANALYZE import_new');
  const sample = await client.query<{ external_id: string; name: string; apps: string[] }>(
    `SELECT external_id, name, apps FROM import_plan WHERE op = 'c' ORDER BY seq LIMIT ${SAMPLE}`,
  );
  const configs = new Map<string, AgentConfig>();
  for (const r of sample.rows) {
    const key = r.apps.join('\u0000');
    let config = configs.get(key);
    if (config === undefined) {
      config = classifyConfig(
        r.apps.map((app) => ({ app })),
        context,
      );
      configs.set(key, config);
    }
    plan.created.push({
      agentId: r.external_id,
      name: r.name,
      apps: r.apps,
      risk: rowRisk(r.apps, config, null, context.resolveApp),
    });
  }
  return { exposed };
}

type ChangedRow = {
  seq: number;
  external_id: string;
  new_name: string;
  new_owner: string;
  new_status: string | null;
  new_apps: string[];
} & Omit<ExistingAgent, 'connectors' | 'updatedAt'> & { connectors: ConnectorInput[] };

/** Changed agents: what changed (diff.ts), their classification with their own settings and exceptions. */
async function classifyChanged(client: pg.Client, context: RiskContext, plan: Plan): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE import_changed (seq int, status text, ${CLASSIFICATION_DDL}, history jsonb) ON COMMIT DROP`,
  );
  const candidates = fetchBatches<ChangedRow>(
    client,
    `SELECT p.seq, p.external_id, p.name AS new_name, p.owner AS new_owner, p.status AS new_status,
       p.apps AS new_apps, a.id, a."externalId", a.name, a."ownerEmail", a.status, a.apps, a.connectors,
       a."inLatestExport", a.trifecta, a."effectiveState", a."configHash"
     FROM import_plan p JOIN "Agent" a ON a.id = p.id WHERE p.op = 'u' ORDER BY p.seq`,
  );
  for await (const batch of candidates) await copyLines(client, 'import_changed', changedLines(batch, context, plan));
  await client.query('ANALYZE import_changed');
}

/** The changed candidates' stage lines (a candidate with no change is unchanged); fills the preview's samples. */
function* changedLines(batch: ChangedRow[], context: RiskContext, plan: Plan): Generator<string> {
  for (const c of batch) {
    const existing: ExistingAgent = { ...c, updatedAt: new Date(0) };
    const row: InventoryRow = {
      line: 0,
      agentId: c.external_id,
      agentName: c.new_name,
      ownerEmail: c.new_owner,
      apps: c.new_apps,
      ...(c.new_status === null ? {} : { status: c.new_status as InventoryRow['status'] }),
    };
    const changes = changesOf(existing, row);
    if (changes.length === 0) continue;
    plan.counts.changed++;
    const config = classifyConfig(nextConnectors(existing.connectors, row.apps), context, existing.id);
    const before = stateNow(existing, context);
    if (plan.changed.length < SAMPLE)
      plan.changed.push({
        agentId: row.agentId,
        name: row.agentName,
        changes,
        risk: rowRisk(row.apps, config, before, context.resolveApp),
      });
    if (becomesExposed(config.effectiveState, before) && plan.newlyExposedCount++ < SAMPLE)
      plan.newlyExposed.push({ agentId: row.agentId, name: row.agentName });
    const status = row.status ?? existing.status;
    yield copyLine([c.seq, status, ...classificationFields(config), JSON.stringify(changes)]);
  }
}

async function sampleMissing(client: pg.Client, plan: Plan): Promise<number> {
  const missing = await client.query<{ external_id: string; name: string; n: number }>(
    `SELECT external_id, name, count(*) OVER ()::int AS n FROM import_plan WHERE op = 'm'
     ORDER BY external_id LIMIT ${SAMPLE}`,
  );
  plan.missing = missing.rows.map((r) => ({ agentId: r.external_id, name: r.name }));
  return missing.rows[0]?.n ?? 0;
}
