// Overview: the agent inventory of the workspace in view, each figure linking to the agents behind it. The
// trifecta figures come from the same posture snapshot as the posture panel, with its time, so the page shows
// one exposed count, never a live one beside a snapshot's.
import Link from 'next/link';
import { fleetSummary } from '@/lib/agents/queries.ts';
import { formatUtc } from '@/lib/format.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { trifectaFigure } from '@/lib/posture/overview.ts';

type Props = { db: PageContext['db']; workspaceId: string };

export async function InventoryPanel({ db, workspaceId }: Props) {
  const [s, t] = await Promise.all([fleetSummary(db, workspaceId), trifectaFigure(db, workspaceId)]);
  return (
    <section className="panel" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Agent inventory</h2>
      {s.total === 0 && s.missing === 0 ? (
        <p className="muted">
          No agents imported yet. <Link href="/agents">Open Agents</Link> to import the Global Admin Console export.
        </p>
      ) : (
        <>
          <p className="stat">
            <Link className="stat-value" href="/agents">
              {s.total.toLocaleString('en')}
            </Link>{' '}
            <span className="muted">agent{s.total === 1 ? '' : 's'} in the latest export</span>
          </p>
          <p className="small" data-testid="trifecta-figure">
            {t ? (
              <>
                <Link className="count-exposed" href="/agents?state=exposed">
                  {t.exposed.toLocaleString('en')} exposed
                </Link>{' '}
                · {t.mitigated} mitigated · {t.accepted} accepted{' '}
                <span className="muted">· as of {formatUtc(t.at)} (posture snapshot)</span>
              </>
            ) : (
              <span className="muted">Trifecta figures appear with the first posture snapshot.</span>
            )}
          </p>
          <p className="muted small">
            {s.unclassified > 0 && (
              <>
                <Link href="/agents?show=unclassified">
                  {s.unclassified.toLocaleString('en')} agent{s.unclassified === 1 ? ' uses' : 's use'} an app that
                  needs classification
                </Link>{' '}
                ·{' '}
              </>
            )}
            {s.completing[0] && (
              <>
                most common completing app: <code>{s.completing[0].app}</code> ({s.completing[0].agents})
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}
