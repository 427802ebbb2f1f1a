'use client';
// The Compliance Logs events that fired an alert, on the shared DataTable; each record opens as JSON.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type AlertEventRow = {
  eventId: string;
  at: string;
  type: string;
  actor: string;
  /** The stored record, indented for reading. */
  json: string;
};

const columns: DataColumn<AlertEventRow>[] = [
  { id: 'at', header: 'When (UTC)', className: 'nowrap', cell: (e) => e.at, csv: (e) => e.at },
  { id: 'event', header: 'Event', cell: (e) => <code>{e.type}</code>, csv: (e) => e.type },
  { id: 'actor', header: 'Actor', cell: (e) => e.actor, csv: (e) => e.actor },
  { id: 'id', header: 'Event id', hideable: false, cell: (e) => <code>{e.eventId}</code>, csv: (e) => e.eventId },
  {
    id: 'record',
    header: 'Record',
    cell: (e) => (
      <details>
        <summary>JSON</summary>
        <pre className="json small">{e.json}</pre>
      </details>
    ),
    // One line per record in the file.
    csv: (e) => JSON.stringify(JSON.parse(e.json)),
  },
];

export function AlertEventsTable({ rows, alertId }: { rows: AlertEventRow[]; alertId: string }) {
  return (
    <DataTable
      label="Events behind the alert"
      storageKey="alert-events"
      columns={columns}
      rows={rows}
      rowKey={(e) => e.eventId}
      csvName={`alert-${alertId}-events`}
    />
  );
}
