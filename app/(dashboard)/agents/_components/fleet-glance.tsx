// The fleet at a glance: agents by number of legs, trifecta agents by effective state, and the apps that
// most often complete a trifecta. Every figure links to the agents behind it.
import Link from 'next/link';
import type { fleetSummary } from '@/lib/agents/queries.ts';
import { LegsChart } from './legs-chart.tsx';

type Summary = Awaited<ReturnType<typeof fleetSummary>>;

export function FleetGlance({ summary }: { summary: Summary }) {
  const trifecta = summary.exposed + summary.mitigated + summary.accepted;
  return (
    <section className="glance" aria-label="Fleet at a glance">
      <div className="panel">
        <h2>Agents by trifecta parts</h2>
        <LegsChart counts={summary.legs} />
        <p className="muted small">{summary.total.toLocaleString('en')} agents in the latest export.</p>
      </div>
      <div className="panel">
        <h2>Trifecta agents</h2>
        <p className="stat">
          <Link className="stat-value" href="/agents?legs=3">
            {trifecta.toLocaleString('en')}
          </Link>{' '}
          <span className="muted">hold all three: private data, untrusted content, external send</span>
        </p>
        <ul className="state-counts">
          <li>
            <Link href="/agents?state=exposed">
              <strong className="count-exposed">{summary.exposed.toLocaleString('en')}</strong> exposed
            </Link>
          </li>
          <li>
            <Link href="/agents?state=mitigated">
              <strong>{summary.mitigated.toLocaleString('en')}</strong> mitigated
            </Link>
          </li>
          <li>
            <Link href="/agents?state=accepted">
              <strong>{summary.accepted.toLocaleString('en')}</strong> accepted
            </Link>
          </li>
        </ul>
        {summary.unclassified > 0 && (
          <p className="small">
            <Link href="/agents?show=unclassified">
              {summary.unclassified.toLocaleString('en')} agent{summary.unclassified === 1 ? ' uses' : 's use'} an app
              that needs classification
            </Link>
          </p>
        )}
      </div>
      <div className="panel">
        <h2>Apps completing trifectas</h2>
        {summary.completing.length === 0 ? (
          <p className="muted small">No trifecta agent.</p>
        ) : (
          <ol className="completing">
            {summary.completing.map((c) => (
              <li key={c.app}>
                <Link href={`/agents?legs=3&app=${encodeURIComponent(c.app)}`}>
                  <code>{c.app}</code>
                </Link>
                <span className="muted">
                  {' '}
                  — removing it breaks {c.agents.toLocaleString('en')} agent{c.agents === 1 ? '' : 's'}’ trifecta
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
