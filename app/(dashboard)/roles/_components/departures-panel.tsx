// The departures of the observed configuration from the approved baseline, as a list.
export function DeparturesPanel({
  title,
  departures,
  hasObserved,
  what,
}: {
  title: string;
  departures: { message: string }[];
  hasObserved: boolean;
  what: string;
}) {
  return (
    <section className="panel" aria-labelledby="departures-title">
      <h2 id="departures-title">
        {title} ({hasObserved ? departures.length : '—'})
      </h2>
      {!hasObserved ? (
        <p className="muted small">
          No observed configuration yet. Import an export of the workspace’s {what} to compare it with the baseline.
        </p>
      ) : departures.length === 0 ? (
        <p className="small">The observed {what} match the approved baseline.</p>
      ) : (
        <ul className="departure-list">
          {departures.map((d) => (
            <li key={d.message} className="mono">
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
