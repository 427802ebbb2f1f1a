'use client';
// The agent's connected apps on the shared DataTable: the name as written, the catalogue app, the parts of
// the trifecta it brings and how it can send out. The send cell is rendered on the server (plain words first).
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type ConnectedAppRow = {
  id: string;
  written: string;
  status: 'known' | 'unknown' | 'mcp_unclassified';
  brings: string;
  sends: ReactNode;
  /** The send cell in words, for the CSV. */
  sendsText: string;
};

const columns: DataColumn<ConnectedAppRow>[] = [
  { id: 'written', header: 'As written', hideable: false, cell: (a) => a.written, csv: (a) => a.written },
  {
    id: 'app',
    header: 'App',
    cell: (a) =>
      a.status === 'known' ? (
        <code>{a.id}</code>
      ) : (
        <>
          <code>{a.id}</code>{' '}
          <span className="tag tag-warn">
            {a.status === 'unknown'
              ? 'unknown: brings nothing until classified'
              : 'unclassified MCP server: counts as all three'}
          </span>
        </>
      ),
    csv: (a) => (a.status === 'known' ? a.id : `${a.id} (${a.status === 'unknown' ? 'unknown' : 'unclassified MCP'})`),
  },
  { id: 'brings', header: 'Brings', cell: (a) => a.brings, csv: (a) => a.brings },
  { id: 'sends', header: 'Can send out by', className: 'small', cell: (a) => a.sends, csv: (a) => a.sendsText },
];

export function ConnectedAppsTable({ rows, agentId }: { rows: ConnectedAppRow[]; agentId: string }) {
  return (
    <DataTable
      label="Connected apps"
      storageKey="agent-apps"
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      csvName={`apps-${agentId}`}
    />
  );
}
