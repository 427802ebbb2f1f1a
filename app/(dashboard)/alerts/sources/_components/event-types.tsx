import { formatUtc } from '@/lib/format.ts';
import type { EventUse } from '@/lib/logs/event-types.ts';
import type { EventTypeCount } from '@/lib/logs/queries.ts';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

const USE: Record<EventUse, { label: string; className: string }> = {
  derived: { label: 'Agent state, runs, alerts', className: 'state-mitigated' },
  stored: { label: 'Stored as evidence', className: 'state-none' },
  'unknown-event': { label: 'Unknown event type', className: 'state-exposed' },
  'unknown-type': { label: 'Unknown log type', className: 'state-exposed' },
};

/** What has been stored per log type and event type: nothing is dropped, and what Tollgate does not know is shown first. */
export function EventTypes({ counts }: { counts: EventTypeCount[] }) {
  const unknown = counts.filter((c) => c.use === 'unknown-event' || c.use === 'unknown-type');
  return (
    <section className="panel" aria-labelledby="types-title">
      <h2 id="types-title">Event types stored</h2>
      <p className="small muted">
        Every record is stored, whatever its type.{' '}
        {unknown.length > 0
          ? `${unknown.length} type${unknown.length === 1 ? '' : 's'} Tollgate does not interpret yet: kept and counted, but not used for agent state or detections.`
          : 'Every type stored is one Tollgate knows.'}
      </p>
      <ScrollRegion label="Event types table">
        <table className="table">
          <thead>
            <tr>
              <th>Log type</th>
              <th>Event type</th>
              <th className="num">Events</th>
              <th>Newest (UTC)</th>
              <th>Used for</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={`${c.type}/${c.eventType}`}>
                <td>
                  <code>{c.type}</code>
                </td>
                <td>{c.eventType ? <code>{c.eventType}</code> : <span className="muted">none</span>}</td>
                <td className="num">{c.events.toLocaleString('en-US')}</td>
                <td className="nowrap">{formatUtc(c.newest)}</td>
                <td>
                  <span className={`state ${USE[c.use].className}`}>{USE[c.use].label}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
