'use client';
// The inventory table: rows, sorting and paging come from the server (URL); columns can be hidden
// (remembered in this browser).
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { columnVisibilityFeature, createColumnHelper, tableFeatures, useTable, type ColumnVisibilityState } from '@tanstack/react-table';
import type { Leg } from '../../../../lib/apps/legs.ts';
import { LegDots, StateBadge, statusLabel } from '../../../../components/agents/legs.tsx';

export type AgentRow = {
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  appIds: string[];
  unknownApps: string[];
  unclassifiedMcp: string[];
  legs: Record<Leg, string[]>;
  effectiveState: string;
  inLatestExport: boolean;
  updatedAt: string;
};

export type SortLinks = Record<string, { href: string; active: 'asc' | 'desc' | null }>;

const features = tableFeatures({ columnVisibilityFeature });
const helper = createColumnHelper<typeof features, AgentRow>();
const STORAGE_KEY = 'tollgate.agents.columns';

const columns = helper.columns([
  helper.accessor('name', {
    id: 'name',
    header: 'Agent',
    enableHiding: false,
    cell: ({ row }) => (
      <>
        <Link href={`/agents/${encodeURIComponent(row.original.externalId)}`} className="agent-name">{row.original.name || row.original.externalId}</Link>
        <div className="muted small mono">{row.original.externalId}</div>
      </>
    ),
  }),
  helper.accessor('ownerEmail', { id: 'owner', header: 'Owner', cell: ({ getValue }) => <span className="nowrap">{getValue()}</span> }),
  helper.accessor('status', {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => (
      <>
        {statusLabel(row.original.status)}
        {!row.original.inLatestExport && <div className="tag tag-warn">not in latest export</div>}
      </>
    ),
  }),
  helper.accessor('legs', { id: 'legs', header: 'Trifecta parts', cell: ({ getValue }) => <LegDots legs={getValue()} /> }),
  helper.accessor('effectiveState', { id: 'state', header: 'Risk state', cell: ({ getValue, row }) => <StateBadge state={getValue()} status={row.original.status} held /> }),
  helper.accessor('appIds', {
    id: 'apps',
    header: 'Apps',
    cell: ({ row }) => (
      <span className="app-chips">
        {row.original.appIds.map((id) => (
          <span key={id} className={row.original.unknownApps.includes(id) || row.original.unclassifiedMcp.includes(id) ? 'chip chip-unknown' : 'chip'} title={row.original.unknownApps.includes(id) ? 'Unknown app: needs classification' : row.original.unclassifiedMcp.includes(id) ? 'Unclassified MCP server: counts as private data, untrusted content and external send' : undefined}>
            {id}
          </span>
        ))}
      </span>
    ),
  }),
  helper.accessor('updatedAt', { id: 'updated', header: 'Updated (UTC)', cell: ({ getValue }) => <span className="nowrap small">{getValue().slice(0, 16).replace('T', ' ')}</span> }),
]);

const SORTABLE: Record<string, string> = { name: 'name', owner: 'owner', status: 'status', legs: 'legs', updated: 'updated' };

export function AgentsTable({ rows, sortLinks }: { rows: AgentRow[]; sortLinks: SortLinks }) {
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  useEffect(() => {
    try {
      const saved = localStorage.getItem(STORAGE_KEY);
      if (saved) setColumnVisibility(JSON.parse(saved) as ColumnVisibilityState);
    } catch {
      // A damaged preference only costs the default columns.
    }
  }, []);
  const table = useTable({
    features,
    columns,
    data: rows,
    state: { columnVisibility },
    onColumnVisibilityChange: (updater) => {
      setColumnVisibility((old) => {
        const next = typeof updater === 'function' ? updater(old) : updater;
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        return next;
      });
    },
  });

  return (
    <>
      <details className="column-menu">
        <summary>Columns</summary>
        <fieldset>
          <legend className="visually-hidden">Visible columns</legend>
          {table.getAllLeafColumns().filter((c) => c.getCanHide()).map((column) => (
            <label key={column.id}>
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} /> {String(column.columnDef.header)}
            </label>
          ))}
        </fieldset>
      </details>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Agents">
        <table className="table agents-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sort = SORTABLE[header.column.id] ? sortLinks[SORTABLE[header.column.id]!] : undefined;
                  const label = String(header.column.columnDef.header);
                  return (
                    <th key={header.id} aria-sort={sort?.active === 'asc' ? 'ascending' : sort?.active === 'desc' ? 'descending' : undefined}>
                      {sort ? <Link href={sort.href} className="sort-link">{label}{sort.active ? (sort.active === 'asc' ? ' ▲' : ' ▼') : ''}</Link> : label}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.effectiveState === 'exposed' && row.original.status !== 'suspended' ? 'row-exposed' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
