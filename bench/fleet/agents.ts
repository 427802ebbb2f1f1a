// The fleet's agents, streamed into PostgreSQL with COPY: the rows an inventory import of the same export writes
// (Agent with its classification columns, an AgentHistory "created" row each, the versions the Agent trigger
// appends), classified by the real pure classifier once per distinct app list (bench/fleet/app-lists.ts). Memory holds
// the distinct lists compactly and one byte-and-a-word per agent (its list and status), never the agents.
import type pg from 'pg';
import type { RiskContext } from '@/lib/agents/import/preview-risk.ts';
import { streamAgents, type Agent } from '../generate.ts';
import { AppLists, EXPOSED, TRIFECTA } from './app-lists.ts';
import { copyField, openCopy } from './copy.ts';
import { uuidOf, unit, weighted } from './ids.ts';

export const AGENT_STATUSES = ['published', 'draft', 'pending_review', 'suspended', 'deleted'] as const;
// Half published, as the benches always had it (every approval-gate check runs), the rest mostly drafts.
const STATUS_WEIGHTS: [number, number][] = [
  [0, 50],
  [1, 36],
  [2, 8],
  [3, 4],
  [4, 2],
];
const CHUNK = 50_000;
const TAG_AGENT = 11;
const TAG_STATUS = 12;

const AGENT_COLUMNS = [
  'id',
  'workspaceId',
  'externalId',
  'name',
  'ownerEmail',
  'status',
  'apps',
  'connectors',
  'configHash',
  'inLatestExport',
  'appIds',
  'unknownApps',
  'unclassifiedMcp',
  'legs',
  'legCount',
  'trifecta',
  'breakApps',
  'effectiveState',
  'firstSeenAt',
  'updatedAt',
] as const;
const HISTORY_COLUMNS = ['agentId', 'at', 'kind', 'detail', 'importId'] as const;

export type FleetAgents = {
  count: number;
  /** Per agent (by index): its app list (0, 1, 2… in order of first use), its status in AGENT_STATUSES. */
  setOf: Uint32Array;
  statusOf: Uint8Array;
  /** How many distinct app lists. */
  lists: number;
  /** What agent `index`'s runs call: the catalogue's app ids, or the names as written for what it does not know. */
  connectorIds: (index: number) => string[];
  externalId: (index: number) => string;
  owners: number;
  trifecta: number;
  exposed: number;
};

export type AgentOptions = {
  workspaceId: string;
  count: number;
  seed: number;
  owners: number;
  importId: string;
  at: Date;
  context: RiskContext;
};

/** The status of agent `index`: from its own draw, so the app lists stay those of bench/generate.ts. */
export function statusOf(seed: number, index: number): (typeof AGENT_STATUSES)[number] {
  return AGENT_STATUSES[weighted(unit(seed, TAG_STATUS, index), STATUS_WEIGHTS)]!;
}

export function agentId(seed: number, index: number): string {
  return uuidOf(seed, TAG_AGENT, index);
}

/** The agents of the fleet as an export lists them (bench/generate.ts), with their status. */
export function* exportRows(count: number, seed: number, owners: number): Generator<Agent & { status: string }> {
  let i = 0;
  for (const agent of streamAgents(count, seed, owners)) yield { ...agent, status: statusOf(seed, i++) };
}

export async function writeAgents(client: pg.ClientBase, o: AgentOptions): Promise<FleetAgents> {
  const setOf = new Uint32Array(o.count);
  const statusOf = new Uint8Array(o.count);
  const lists = new AppLists(o.context);
  const at = o.at.toISOString();
  const workspace = copyField(o.workspaceId);
  let trifecta = 0;
  let exposed = 0;
  let agents = openCopy(client, 'Agent', AGENT_COLUMNS);
  let history: string[] = [];
  const flushHistory = async () => {
    // After the chunk's agents are stored: the history's foreign key needs them.
    await agents.end();
    const sink = openCopy(client, 'AgentHistory', HISTORY_COLUMNS);
    for (const line of history) await sink.line(line);
    await sink.end();
    history = [];
  };
  let index = 0;
  for (const row of exportRows(o.count, o.seed, o.owners)) {
    const list = lists.of(row.apps);
    setOf[index] = list;
    statusOf[index] = AGENT_STATUSES.indexOf(row.status as (typeof AGENT_STATUSES)[number]);
    const flags = lists.flags(list);
    if (flags & TRIFECTA) trifecta++;
    if (flags & EXPOSED) exposed++;
    const id = agentId(o.seed, index);
    const person = `${copyField(row.id)}\t${copyField(row.name)}\t${copyField(row.owner)}\t${row.status}`;
    await agents.line(`${id}\t${workspace}\t${person}\t${lists.columns(list, row.apps)}\t${at}\t${at}\n`);
    const detail = JSON.stringify({ apps: row.apps, ownerEmail: row.owner, name: row.name });
    history.push(`${id}\t${at}\tcreated\t${copyField(detail)}\t${o.importId}\n`);
    index++;
    if (index % CHUNK === 0) {
      await flushHistory();
      agents = openCopy(client, 'Agent', AGENT_COLUMNS);
    }
  }
  await flushHistory();
  lists.done();
  return {
    count: o.count,
    setOf,
    statusOf,
    lists: lists.count,
    connectorIds: (i) => lists.connectorIds(setOf[i]!),
    externalId: (i) => `agt-${String(i + 1).padStart(6, '0')}`,
    owners: o.owners,
    trifecta,
    exposed,
  };
}
