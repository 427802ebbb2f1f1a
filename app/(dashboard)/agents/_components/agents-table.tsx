'use client';
// The inventory table on the shared DataTable: rows, sorting and paging come from the server (URL).
import Link from 'next/link';
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import { kindLabel, LegDots, StateBadge, statusLabel } from '@/components/agents/legs.tsx';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import type { SortDir } from '@/components/data-table/url-state.ts';

export type AgentRow = {
  externalId: string;
  kind: string;
  name: string;
  ownerEmail: string;
  status: string;
  appIds: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  /** The trifecta parts its apps bring. */
  lit: Leg[];
  effectiveState: string;
  inLatestExport: boolean;
  /** UTC, to the minute: "2026-12-06 20:38". */
  updated: string;
};

/** LegDots reads which parts are lit, not the apps behind them (the server sends only which). */
const litLegs = (row: AgentRow) =>
  Object.fromEntries(LEGS.map((l) => [l, row.lit.includes(l) ? [l] : []])) as Record<Leg, string[]>;

const LEG_LETTERS: [Leg, string][] = [
  ['private_data', 'P'],
  ['untrusted_content', 'U'],
  ['external_send', 'S'],
];

function appTitle(row: AgentRow, id: string): string | undefined {
  if (row.unknownApps.includes(id)) return 'Unknown app: needs classification';
  if (row.unclassifiedMcp.includes(id))
    return 'Unclassified MCP server: counts as private data, untrusted content and external send';
  return undefined;
}

/** A GPT's parts as a reviewer names them: capabilities and action domains by name, knowledge files counted. */
function chips(row: AgentRow): { id: string; text: string }[] {
  if (row.kind !== 'custom_gpt') return row.appIds.map((id) => ({ id, text: id }));
  const files = row.appIds.filter((id) => id.startsWith('file:')).length;
  const named = row.appIds
    .filter((id) => !id.startsWith('file:'))
    .map((id) => ({
      id,
      text: id.startsWith('capability:')
        ? id.slice('capability:'.length).replace(/_/g, ' ')
        : id.startsWith('action:')
          ? `action ${id.slice('action:'.length)}`
          : id,
    }));
  return files ? [...named, { id: 'files', text: `${files} knowledge file${files === 1 ? '' : 's'}` }] : named;
}

const columns: DataColumn<AgentRow>[] = [
  {
    id: 'name',
    header: 'Agent',
    hideable: false,
    sort: 'asc',
    className: 'agent-cell',
    cell: (r) => (
      <>
        <Link href={`/agents/${encodeURIComponent(r.externalId)}`} className="agent-name">
          {r.name || r.externalId}
        </Link>
        <div className="muted small mono">{r.externalId}</div>
      </>
    ),
    csv: (r) => r.name || r.externalId,
  },
  {
    id: 'kind',
    header: 'Kind',
    cell: (r) => <span className="nowrap">{kindLabel(r.kind)}</span>,
    csv: (r) => kindLabel(r.kind),
  },
  {
    id: 'owner',
    header: 'Owner',
    sort: 'asc',
    className: 'owner-cell',
    cell: (r) => <span className="nowrap">{r.ownerEmail}</span>,
    csv: (r) => r.ownerEmail,
  },
  {
    id: 'status',
    header: 'Status',
    sort: 'asc',
    cell: (r) => (
      <>
        {statusLabel(r.status)}
        {!r.inLatestExport && <div className="tag tag-warn">not in latest export</div>}
      </>
    ),
    csv: (r) => statusLabel(r.status),
  },
  {
    id: 'legs',
    header: 'Trifecta parts',
    sort: 'desc',
    cell: (r) => <LegDots legs={litLegs(r)} />,
    csv: (r) =>
      LEG_LETTERS.filter(([leg]) => r.lit.includes(leg))
        .map(([, letter]) => letter)
        .join(''),
  },
  {
    id: 'state',
    header: 'Risk state',
    cell: (r) => <StateBadge state={r.effectiveState} status={r.status} held />,
    csv: (r) => r.effectiveState,
  },
  {
    id: 'apps',
    header: 'Apps',
    cell: (r) => (
      <span className="app-chips">
        {chips(r).map(({ id, text }) => (
          <span
            key={id}
            className={appTitle(r, id) ? 'chip chip-unknown' : 'chip'}
            title={appTitle(r, id) ?? (text === id ? undefined : id)}
          >
            {text}
          </span>
        ))}
      </span>
    ),
    csv: (r) => r.appIds.join(' '),
  },
  {
    id: 'updated',
    header: 'Updated (UTC)',
    sort: 'desc',
    cell: (r) => <span className="nowrap small">{r.updated}</span>,
    csv: (r) => r.updated,
  },
];

export function AgentsTable({
  rows,
  sort,
  paging,
}: {
  rows: AgentRow[];
  sort: { key: string; dir: SortDir };
  paging: DataPaging;
}) {
  return (
    <DataTable
      label="Agents"
      storageKey="agents"
      className="agents-table"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.externalId}
      rowClassName={(r) => (r.effectiveState === 'exposed' && r.status !== 'suspended' ? 'row-exposed' : undefined)}
      sort={sort}
      paging={paging}
    />
  );
}
