// Where this workspace's catalogue departs from the guide's lists (control 6.4 step 2 and the 6.04 script).
import { LEG_LABELS } from '@/lib/apps/legs.ts';
import type { Departure } from '@/lib/apps/departures.ts';

export function DeparturesList({ departures }: { departures: Departure[] }) {
  if (departures.length === 0) return <p className="muted">None: this catalogue is exactly the guide’s.</p>;
  return (
    <ul className="plain-list small">
      {departures.map((d) => (
        <li key={d.appId}>
          <code>{d.appId}</code>{' '}
          {d.kind === 'added' && <>added ({d.legs.map((l) => LEG_LABELS[l]).join(', ') || 'no leg'})</>}
          {d.kind === 'removed' && <>removed: the guide lists it</>}
          {d.kind === 'changed' &&
            [
              d.legsAdded.length ? `counts for ${d.legsAdded.map((l) => LEG_LABELS[l]).join(', ')}` : '',
              d.legsRemoved.length ? `no longer counts for ${d.legsRemoved.map((l) => LEG_LABELS[l]).join(', ')}` : '',
              d.renamed ? 'renamed' : '',
              d.aliasesChanged ? 'aliases changed' : '',
              d.actionsChanged.length ? `actions changed: ${d.actionsChanged.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; ')}
        </li>
      ))}
    </ul>
  );
}
