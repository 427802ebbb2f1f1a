// The fleet at a glance: agents by number of legs, trifecta agents by effective state, and the apps that
// most often complete a trifecta. Every figure links to the agents behind it.
import Link from 'next/link';
import type { AgentKind } from '@/lib/agents/filter.ts';
import type { fleetSummary } from '@/lib/agents/queries.ts';
import { LegsChart } from './legs-chart.tsx';

type Summary = Awaited<ReturnType<typeof fleetSummary>>;

/** What the figures count: the page's kind filter narrows them with the list. */
const NOUNS: Record<AgentKind | 'all', [string, string]> = {
  all: ['agent or GPT', 'agents and GPTs'],
  workspace_agent: ['workspace agent', 'workspace agents'],
  custom_gpt: ['custom GPT', 'custom GPTs'],
};

export function FleetGlance({ summary, kind }: { summary: Summary; kind?: AgentKind }) {
  const trifecta = summary.exposed + summary.mitigated + summary.accepted;
  const [one, many] = NOUNS[kind ?? 'all'];
  const unclassifiedUse = summary.unclassified === 1 ? `${one} uses` : `${many} use`;
  // Every link keeps the kind, so a figure opens the rows it counts.
  const to = (query: string) => `/agents?${query}${kind ? `&kind=${kind}` : ''}`;
  return (
    <section className="glance" aria-label="Fleet at a glance">
      <div className="panel">
        <h2>Agents by trifecta parts</h2>
        <LegsChart counts={summary.legs} />
        <p className="muted small">
          {summary.total.toLocaleString('en')} {summary.total === 1 ? one : many} in the latest inventory.
        </p>
      </div>
      <div className="panel">
        <h2>Trifecta agents</h2>
        <p className="stat">
          <Link className="stat-value" href={to('legs=3')}>
            {trifecta.toLocaleString('en')}
          </Link>{' '}
          <span className="muted">hold all three: private data, untrusted content, external send</span>
        </p>
        <ul className="state-counts">
          <li>
            <Link href={to('state=exposed')}>
              <strong className="count-exposed">{summary.exposed.toLocaleString('en')}</strong> exposed
            </Link>
          </li>
          <li>
            <Link href={to('state=mitigated')}>
              <strong>{summary.mitigated.toLocaleString('en')}</strong> mitigated
            </Link>
          </li>
          <li>
            <Link href={to('state=accepted')}>
              <strong>{summary.accepted.toLocaleString('en')}</strong> accepted
            </Link>
          </li>
        </ul>
        {summary.unclassified > 0 && (
          <p className="small">
            <Link href={to('show=unclassified')}>
              {summary.unclassified.toLocaleString('en')} {unclassifiedUse} an app that needs classification
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
                <Link href={to(`legs=3&app=${encodeURIComponent(c.app)}`)}>
                  <code>{c.app}</code>
                </Link>
                <span className="muted">
                  {' '}
                  — removing it breaks the trifecta of {c.agents.toLocaleString('en')} {c.agents === 1 ? one : many}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
