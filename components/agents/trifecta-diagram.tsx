// The trifecta diagram: three legs as the corners of a triangle, each lit by the apps behind it. The apps
// that complete the trifecta (removing them breaks it) are marked, so the culprit is visible at a glance.
import { LEG_LABELS, type Leg } from '../../lib/apps/legs.ts';

const POS: Record<Leg, { x: number; y: number; titleY: number; appsY: number }> = {
  private_data: { x: 300, y: 112, titleY: 50, appsY: 72 },
  untrusted_content: { x: 130, y: 250, titleY: 298, appsY: 320 },
  external_send: { x: 470, y: 250, titleY: 298, appsY: 320 },
};
const ORDER: Leg[] = ['private_data', 'untrusted_content', 'external_send'];
const MAX_LISTED = 4;

export function TrifectaDiagram({ legs, completing }: { legs: Record<Leg, string[]>; completing: string[] }) {
  const lit = ORDER.filter((l) => legs[l].length > 0);
  const trifecta = lit.length === 3;
  const description = ORDER.map((l) => `${LEG_LABELS[l]}: ${legs[l].length ? legs[l].join(', ') : 'not lit'}`).join('. ');
  const summary = trifecta ? `Trifecta. Completed by ${completing.join(', ')}.` : `${lit.length} of 3 legs lit.`;
  return (
    <figure className="trifecta-figure">
      <svg viewBox="0 0 600 336" className={trifecta ? 'trifecta-svg is-trifecta' : 'trifecta-svg'} role="img" aria-label={`${summary} ${description}`}>
        {ORDER.map((a, i) => {
          const b = ORDER[(i + 1) % 3]!;
          const on = legs[a].length > 0 && legs[b].length > 0;
          return <line key={`${a}-${b}`} x1={POS[a].x} y1={POS[a].y} x2={POS[b].x} y2={POS[b].y} className={on ? 'edge edge-on' : 'edge'} />;
        })}
        <text x={300} y={212} textAnchor="middle" className="center-label">{trifecta ? 'TRIFECTA' : `${lit.length} of 3 legs`}</text>
        {ORDER.map((leg) => {
          const p = POS[leg];
          const apps = legs[leg];
          const shown = apps.slice(0, MAX_LISTED);
          return (
            <g key={leg}>
              <circle cx={p.x} cy={p.y} r={26} className={apps.length ? 'node node-on' : 'node'} />
              <text x={p.x} y={p.y + 5} textAnchor="middle" className="node-letter">{leg === 'private_data' ? 'P' : leg === 'untrusted_content' ? 'U' : 'S'}</text>
              <text x={p.x} y={p.titleY} textAnchor="middle" className="leg-title">{LEG_LABELS[leg]}</text>
              {apps.length === 0 ? (
                <text x={p.x} y={p.appsY} textAnchor="middle" className="leg-app leg-none">no app</text>
              ) : (
                <text x={p.x} y={p.appsY} textAnchor="middle" className="leg-app">
                  {shown.map((app, i) => (
                    <tspan key={app} className={completing.includes(app) ? 'completing' : undefined}>
                      {i > 0 ? ', ' : ''}{completing.includes(app) ? `★ ${app}` : app}
                    </tspan>
                  ))}
                  {apps.length > MAX_LISTED && <tspan>{` +${apps.length - MAX_LISTED}`}</tspan>}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="small">
        {trifecta ? (
          <>
            <strong className="count-exposed">★ completes the trifecta</strong>: removing {completing.length === 1 ? 'this app' : 'one of the marked sets'} breaks it.
          </>
        ) : (
          <span className="muted">A trifecta needs all three legs lit.</span>
        )}
      </figcaption>
    </figure>
  );
}
