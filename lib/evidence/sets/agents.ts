// The agent inventory as of the period's end: each agent's latest version (RecordVersion, entity 'agent', written
// by database triggers on every change) before asOf, with its trifecta legs and effective state. Agents are never
// deleted from "Agent", so the inventory is paged over it in externalId order and each agent's version is one
// index probe; agents first seen at or after asOf have no version yet and are left out. An agent whose state came from
// the Compliance Logs names the newest event behind that version (lastEventId, decision 0039): the newest event of
// its history at or before the version's time (an event is always older than the change applying it).
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import type { Db } from '@/lib/db.ts';
import { iso, keyset, PAGE, strings, textOrNull } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

/** tollgate_agent_state() in migration 20261123134500_agent_versions. */
type AgentState = {
  externalId: string;
  kind: string;
  name: string;
  ownerEmail: string | null;
  status: string;
  apps: string[];
  appIds: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  connectors: unknown;
  configHash: string;
  legs: Partial<Record<Leg, string[]>> | null;
  legCount: number;
  trifecta: boolean;
  breakApps: string[];
  effectiveState: string;
  inLatestExport: boolean;
  firstSeenAt: string;
};

const COLUMNS = [
  'externalId',
  'kind',
  'name',
  'ownerEmail',
  'status',
  'apps',
  ...LEGS,
  'legCount',
  'trifecta',
  'effectiveState',
  'breakApps',
  'unknownApps',
  'unclassifiedMcp',
  'configHash',
  'inLatestExport',
  'firstSeenAt',
  'stateSince',
  'lastEventId',
];

export async function* agentRows(db: Db, ctx: SetContext, page = PAGE): AsyncIterable<Record<string, unknown>> {
  const rows = keyset(
    '',
    (after) => db.$queryRaw<{ externalId: string; at: Date; data: AgentState; lastEventId: string | null }[]>`
      SELECT a."externalId", v.at, v.data, h."eventId" AS "lastEventId" FROM "Agent" a
      CROSS JOIN LATERAL (
        SELECT r.at, r.data FROM "RecordVersion" r
        WHERE r."workspaceId" = a."workspaceId" AND r.entity = 'agent' AND r."entityId" = a.id
        AND r.at < ${ctx.asOf.toISOString()}::timestamptz
        ORDER BY r.at DESC, r.id DESC LIMIT 1
      ) v
      LEFT JOIN LATERAL (
        SELECT h."eventId" FROM "AgentHistory" h
        WHERE h."agentId" = a.id AND h.at <= v.at AND h."eventId" IS NOT NULL
        ORDER BY h.at DESC, h.id DESC LIMIT 1
      ) h ON true
      WHERE a."workspaceId" = ${ctx.workspaceId} AND a."externalId" > ${after} AND v.data IS NOT NULL
      ORDER BY a."externalId"
      LIMIT ${page}`,
    (r) => r.externalId,
    page,
  );
  for await (const { at, data, lastEventId } of rows) yield agentRow(data, at, lastEventId);
}

export function agentRow(a: AgentState, at: Date, lastEventId: string | null = null): Record<string, unknown> {
  const legs = Object.fromEntries(LEGS.map((leg) => [leg, strings(a.legs?.[leg])]));
  return {
    externalId: a.externalId,
    kind: a.kind,
    name: a.name,
    ownerEmail: textOrNull(a.ownerEmail),
    status: a.status,
    apps: strings(a.apps),
    ...legs,
    legCount: a.legCount,
    trifecta: a.trifecta,
    effectiveState: a.effectiveState,
    breakApps: strings(a.breakApps),
    unknownApps: strings(a.unknownApps),
    unclassifiedMcp: strings(a.unclassifiedMcp),
    configHash: a.configHash,
    inLatestExport: a.inLatestExport,
    firstSeenAt: iso(a.firstSeenAt),
    stateSince: at.toISOString(),
    lastEventId,
    // JSON only: the connectors with their settings (allowed tools, approvals, auth variant).
    connectors: a.connectors ?? [],
  };
}

export const agentsSet: EvidenceSetDef = {
  name: 'agents',
  title: 'Agent inventory',
  kind: 'state',
  controls: ['6.1', '6.2', '6.3', '6.4', '6.5', '6.7'],
  columns: COLUMNS,
  note:
    'Every agent Tollgate knew before the pack’s as-of instant, as its ' +
    'latest recorded version before then (stateSince): status (deleted and ' +
    'suspended agents included), apps, trifecta legs and effective state; ' +
    'lastEventId is the newest Compliance Logs event behind that state.',
  rows: (db, ctx) => agentRows(db, ctx),
};
