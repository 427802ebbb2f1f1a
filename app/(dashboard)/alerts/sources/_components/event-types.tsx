'use client';
// What has been stored per log type and event type, on the shared DataTable: nothing is dropped, and what
// Tollgate does not know is shown first.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { formatUtc } from '@/lib/format.ts';
import type { EventUse } from '@/lib/logs/event-types.ts';
import type { EventTypeCount } from '@/lib/logs/queries.ts';

const USE: Record<EventUse, { label: string; className: string }> = {
  derived: { label: 'Agent state, runs, alerts', className: 'state-mitigated' },
  stored: { label: 'Stored as evidence', className: 'state-none' },
  'unknown-event': { label: 'Unknown event type', className: 'state-exposed' },
  'unknown-type': { label: 'Unknown log type', className: 'state-exposed' },
};

const columns: DataColumn<EventTypeCount>[] = [
  { id: 'type', header: 'Log type', hideable: false, cell: (c) => <code>{c.type}</code>, csv: (c) => c.type },
  {
    id: 'event',
    header: 'Event type',
    hideable: false,
    cell: (c) => (c.eventType ? <code>{c.eventType}</code> : <span className="muted">none</span>),
    csv: (c) => c.eventType,
  },
  {
    id: 'events',
    header: 'Events',
    className: 'num',
    cell: (c) => c.events.toLocaleString('en-US'),
    csv: (c) => c.events,
  },
  {
    id: 'newest',
    header: 'Newest (UTC)',
    className: 'nowrap',
    cell: (c) => formatUtc(c.newest),
    csv: (c) => formatUtc(c.newest),
  },
  {
    id: 'use',
    header: 'Used for',
    cell: (c) => <span className={`state ${USE[c.use].className}`}>{USE[c.use].label}</span>,
    csv: (c) => USE[c.use].label,
  },
];

export function EventTypes({ counts }: { counts: EventTypeCount[] }) {
  const unknown = counts.filter((c) => c.use === 'unknown-event' || c.use === 'unknown-type').length;
  return (
    <section className="panel" aria-labelledby="types-title">
      <h2 id="types-title">Event types stored</h2>
      <p className="small muted">
        Every record is stored, whatever its type.{' '}
        {unknown > 0
          ? `${unknown} type${unknown === 1 ? '' : 's'} Tollgate does not interpret yet: ` +
            'kept and counted, but not used for agent state or detections.'
          : 'Every type stored is one Tollgate knows.'}
      </p>
      <DataTable
        label="Event types table"
        storageKey="log-event-types"
        columns={columns}
        rows={counts}
        rowKey={(c) => `${c.type}/${c.eventType}`}
        csvName="log-event-types"
      />
    </section>
  );
}
