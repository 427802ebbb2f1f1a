// Overview: the agent inventory of the workspace in view, each figure linking to the agents behind it.
import Link from 'next/link';
import { fleetSummary } from '../../../lib/agents/queries.ts';
import { db } from '../../../lib/db.ts';

export async function InventoryPanel({ workspaceId }: { workspaceId: string }) {
  const s = await fleetSummary(db(), workspaceId);
  return (
    <section className="panel" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Agent inventory</h2>
      {s.total === 0 && s.missing === 0 ? (
        <p className="muted">No agents imported yet. <Link href="/agents">Open Agents</Link> to import the Global Admin Console export.</p>
      ) : (
        <>
          <p className="stat">
            <Link className="stat-value count-exposed" href="/agents?state=exposed">{s.exposed.toLocaleString('en')}</Link>{' '}
            <span className="muted">exposed trifecta agent{s.exposed === 1 ? '' : 's'} of {s.total.toLocaleString('en')} in the latest export</span>
          </p>
          <p className="muted small">
            {s.mitigated} mitigated · {s.accepted} accepted
            {s.unclassified > 0 && <> · <Link href="/agents?show=unclassified">{s.unclassified.toLocaleString('en')} agent{s.unclassified === 1 ? ' uses' : 's use'} an app that needs classification</Link></>}
            {s.completing[0] && <> · most common completing app: <code>{s.completing[0].app}</code> ({s.completing[0].agents})</>}
          </p>
        </>
      )}
    </section>
  );
}
