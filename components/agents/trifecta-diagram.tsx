// The trifecta diagram: three corners (private data, untrusted content, external send), each lit by the
// apps behind it. Stars mark the apps that complete it; an app whose sends are closed (action control, allowed
// tools or a human gate) is shown closed in the external-send corner and never starred. One sentence under
// it says who completes it and why (lib/trifecta/explain.ts).
import { LEG_LABELS, type Leg } from '@/lib/apps/legs.ts';
import type { TrifectaView } from '@/lib/trifecta/explain.ts';
import './trifecta.css';

const POS: Record<Leg, { x: number; y: number; titleY: number; appsY: number }> = {
  private_data: { x: 300, y: 112, titleY: 50, appsY: 72 },
  untrusted_content: { x: 130, y: 250, titleY: 298, appsY: 320 },
  external_send: { x: 470, y: 250, titleY: 298, appsY: 320 },
};
const ORDER: Leg[] = ['private_data', 'untrusted_content', 'external_send'];
const MAX_LISTED = 4;

export function TrifectaDiagram({ view }: { view: TrifectaView }) {
  const openApps = (leg: Leg) => view.corners[leg].filter((a) => !a.closed);
  const lit = ORDER.filter((l) => openApps(l).length > 0);
  const closedSends = view.corners.external_send.filter((a) => a.closed);
  const appWords = (l: Leg) =>
    view.corners[l].map((a) => (a.closed ? `${a.name} (closed: ${a.closed})` : a.name)).join(', ');
  const description = ORDER.map((l) => `${LEG_LABELS[l]}: ${view.corners[l].length ? appWords(l) : 'no app'}`).join(
    '. ',
  );
  const summary = view.open ? `Trifecta. Completed by ${view.completing.join(', ')}.` : `${lit.length} of 3 lit.`;
  return (
    <figure className="trifecta-figure">
      <svg
        viewBox="0 0 600 336"
        className={view.open ? 'trifecta-svg is-trifecta' : 'trifecta-svg'}
        role="img"
        aria-label={`${summary} ${view.sentence} ${description}.`}
      >
        {ORDER.map((a, i) => {
          const b = ORDER[(i + 1) % 3]!;
          const on = openApps(a).length > 0 && openApps(b).length > 0;
          return (
            <line
              key={`${a}-${b}`}
              x1={POS[a].x}
              y1={POS[a].y}
              x2={POS[b].x}
              y2={POS[b].y}
              className={on ? 'edge edge-on' : 'edge'}
            />
          );
        })}
        <text x={300} y={212} textAnchor="middle" className="center-label">
          {view.open ? 'TRIFECTA' : `${lit.length} OF 3`}
        </text>
        {ORDER.map((leg) => {
          const p = POS[leg];
          const apps = view.corners[leg];
          const on = openApps(leg).length > 0;
          const shown = apps.slice(0, MAX_LISTED);
          return (
            <g key={leg} data-leg={leg}>
              <circle
                cx={p.x}
                cy={p.y}
                r={26}
                className={on ? 'node node-on' : apps.length ? 'node node-closed' : 'node'}
              />
              <text x={p.x} y={p.y + 6} textAnchor="middle" className="node-count">
                {on ? openApps(leg).length : apps.length ? '×' : '0'}
              </text>
              <text x={p.x} y={p.titleY} textAnchor="middle" className="leg-title">
                {LEG_LABELS[leg]}
              </text>
              {apps.length === 0 ? (
                <text x={p.x} y={p.appsY} textAnchor="middle" className="leg-app leg-none">
                  no app
                </text>
              ) : (
                <text x={p.x} y={p.appsY} textAnchor="middle" className="leg-app">
                  {shown.map((app, i) => (
                    <tspan
                      key={app.id}
                      className={app.completing ? 'completing' : app.closed ? 'closed' : undefined}
                      data-app={app.id}
                    >
                      {i > 0 ? ', ' : ''}
                      {app.completing ? `★ ${app.name}` : app.closed ? `${app.name} (closed)` : app.name}
                      {app.closed && <title>{`${app.name}: ${app.closed}`}</title>}
                    </tspan>
                  ))}
                  {apps.length > MAX_LISTED && <tspan>{` +${apps.length - MAX_LISTED}`}</tspan>}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <p className="trifecta-sentence">{view.sentence}</p>
        <p className="small muted">
          {view.open && (
            <>
              <strong className="count-exposed">★</strong> completes it: removing it breaks the trifecta.{' '}
            </>
          )}
          {closedSends.length > 0 && (
            <>(closed): its sends are denied or need a human, so it does not count as an external send.</>
          )}
        </p>
      </figcaption>
    </figure>
  );
}
