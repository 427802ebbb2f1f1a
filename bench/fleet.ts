// The fleet every bench prepares (issue 20, item 7): a workspace of N agents and M Compliance Logs events over 90
// days, streamed into PostgreSQL with COPY in bounded memory and stored as the product stores them — the agents as
// an inventory import of the same export leaves them (bench/fleet/agents.ts), the events as the log store leaves
// them (bench/fleet/write-events.ts); bench/fleet.test.ts holds both to the real services on a small fleet.
// Seeded: the same seed and end time give the same fleet. The roster's members own the agents.
import pg from 'pg';
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { loadRiskContext } from '@/lib/agents/import/risk-context.ts';
import type { Db } from '@/lib/db.ts';
import { DEFAULT_CONTENT_DAYS } from '@/lib/logs/retention.ts';
import { syncControls } from '@/lib/posture/catalogue-sync.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { type FleetAgents, writeAgents } from './fleet/agents.ts';
import { openCopy } from './fleet/copy.ts';
import { writeGovernance } from './fleet/governance.ts';
import { writeGpts } from './fleet/gpts.ts';
import { uuidOf } from './fleet/ids.ts';
import { type EventTotals, writeEvents } from './fleet/write-events.ts';
import { OWNER_COUNT, owner } from './generate.ts';

export const BENCH_WS = 'ws-bench';
export const BENCH_PRINCIPAL = 'bench-principal';
const DAY_MS = 86_400_000;

export type FleetOptions = {
  agents: number;
  events: number;
  /** Custom GPTs, stored by the product's GPT store (bench/fleet/gpts.ts); none by default. */
  gpts?: number;
  days?: number;
  seed?: number;
  /** The roster's size; by default 400 up to 100k agents (as the benches always had), one per 250 agents beyond. */
  owners?: number;
  /** The end of the events' window (UTC); by default the start of today. The agents were imported at its start. */
  end?: Date;
  workspaceId?: string;
  principal?: string;
  /** The roster's roles, groups and action controls, the findings they open and alerts on the events; on by default. */
  governance?: boolean;
  /** Also writes the event files as JSONL there (bench/fleet.test.ts ingests them with the real store). */
  jsonlDir?: string;
  log?: (s: string) => void;
};

export type FleetSummary = {
  workspaceId: string;
  agents: number;
  distinctAppSets: number;
  trifecta: number;
  exposed: number;
  owners: number;
  events: EventTotals;
  gpts: number;
  findings: number;
  alerts: number;
  ms: { agents: number; events: number; governance: number; gpts: number; analyze: number };
};

export async function generateFleet(db: Db, url: string, actor: Actor, o: FleetOptions): Promise<FleetSummary> {
  const log = o.log ?? (() => {});
  const seed = o.seed ?? 3;
  const days = o.days ?? 90;
  const workspaceId = o.workspaceId ?? BENCH_WS;
  const principal = o.principal ?? BENCH_PRINCIPAL;
  const owners = o.owners ?? Math.max(OWNER_COUNT, Math.floor(o.agents / 250));
  const end = (o.end ?? new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS)).getTime();
  const at = new Date(end - days * DAY_MS);
  await createWorkspace(db, actor, { id: workspaceId, name: 'Bench', kind: 'workspace', principal }, at);
  const importId = uuidOf(seed, 41, 0);
  const counts = { created: o.agents, changed: 0, unchanged: 0, missing: 0 };
  const t0 = performance.now();
  log(`agents: ${o.agents.toLocaleString('en-US')} (${owners.toLocaleString('en-US')} owners)`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let agents: FleetAgents;
  try {
    await client.query('SET synchronous_commit = off');
    await writeMembers(client, workspaceId, owners, seed, at);
    agents = await writeAgents(client, {
      workspaceId,
      count: o.agents,
      seed,
      owners,
      importId,
      at,
      context: await loadRiskContext(db, workspaceId, at),
    });
  } finally {
    await client.end();
  }
  // The committed import the agents' history names, without the file (a million-row export is ~90 MB).
  const summary = { ...counts, skipped: [], skippedCount: 0, newlyTrifecta: [], newlyTrifectaCount: agents.exposed };
  await db.inventoryImport.create({
    data: {
      id: importId,
      workspaceId,
      filename: 'fleet.csv',
      sha256: '',
      size: 0,
      content: new Uint8Array(),
      fullExport: true,
      status: 'committed',
      preview: {
        rows: o.agents,
        fatal: null,
        errorCount: 0,
        errors: [],
        counts,
        created: [],
        changed: [],
        missing: [],
      },
      outcome: summary,
      baseline: '0:-',
      uploadedAt: at,
      uploadedBy: actor.label,
      committedAt: at,
      committedBy: actor.label,
    },
  });
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'agents.import',
      targetType: 'inventory_import',
      targetId: importId,
      workspaceId,
      diff: { filename: 'fleet.csv', ...counts, skipped: 0, newlyTrifecta: [] },
      at,
    }),
  );
  const agentsMs = performance.now() - t0;
  log(`agents written in ${Math.round(agentsMs)} ms (${agents.lists} distinct app lists, ${agents.trifecta} trifecta)`);
  const t1 = performance.now();
  const events = await writeEvents({
    url,
    seed,
    events: o.events,
    days,
    end,
    contentSince: end - DEFAULT_CONTENT_DAYS * DAY_MS,
    jsonlDir: o.jsonlDir,
    log,
    fleet: {
      principal,
      agents: o.agents,
      owners,
      externalId: agents.externalId,
      connectorIds: agents.connectorIds,
    },
  });
  const eventsMs = performance.now() - t1;
  log(`events written in ${Math.round(eventsMs)} ms`);
  const tg = performance.now();
  const governance =
    o.governance === false
      ? null
      : await writeFleetGovernance(db, url, { workspaceId, principal, at, now: new Date(end) });
  const governanceMs = performance.now() - tg;
  if (governance) log(`${governance.findings} findings, ${governance.alerts} alerts in ${Math.round(governanceMs)} ms`);
  const t2 = performance.now();
  const gpts = o.gpts
    ? await writeGpts(db, { workspaceId, count: o.gpts, seed, owners, at: new Date(end) }, log)
    : null;
  const gptsMs = performance.now() - t2;
  if (gpts) log(`${gpts.created.toLocaleString('en-US')} GPTs written in ${Math.round(gptsMs)} ms`);
  const t3 = performance.now();
  await db.$executeRawUnsafe('ANALYZE');
  return {
    workspaceId,
    agents: o.agents,
    distinctAppSets: agents.lists,
    trifecta: agents.trifecta,
    exposed: agents.exposed,
    owners,
    events,
    gpts: gpts?.created ?? 0,
    findings: governance?.findings ?? 0,
    alerts: governance?.alerts ?? 0,
    ms: { agents: agentsMs, events: eventsMs, governance: governanceMs, gpts: gptsMs, analyze: performance.now() - t3 },
  };
}

/** The roster the owners come from: one active member each, as a roster CSV import lists them. */
async function writeMembers(client: pg.ClientBase, workspaceId: string, owners: number, seed: number, at: Date) {
  const sink = openCopy(client, 'Member', [
    'id',
    'workspaceId',
    'email',
    'userName',
    'status',
    'identitySource',
    'createdAt',
    'updatedAt',
  ]);
  const when = at.toISOString();
  for (let k = 0; k < owners; k++) {
    const email = owner(k);
    await sink.row([uuidOf(seed, 51, k), workspaceId, email, email, 'active', 'csv', when, when]);
  }
  await sink.end();
}

/** What the posture, Overview and evidence benches load: the catalogue's controls, then the fleet. */
export async function loadFleet(
  db: Db,
  url: string,
  actor: Actor,
  agents: number,
  events: number,
  log: (s: string) => void,
) {
  await syncControls(db);
  const fleet = await generateFleet(db, url, actor, { agents, events, log });
  return fleet.workspaceId;
}

/** The fleet's governance (bench/fleet/governance.ts) on its own connection: also run on a standing fleet. */
export async function writeFleetGovernance(
  db: Db,
  url: string,
  o: { workspaceId: string; principal: string; at: Date; now: Date },
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await writeGovernance(db, client, o);
  } finally {
    await client.end();
  }
}
