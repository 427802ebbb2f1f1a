import type { Metadata } from 'next';
import Link from 'next/link';
import { StateBadge, statusLabel } from '../../../components/agents/legs.tsx';
import { TechId } from '../../../components/ui/tech-id.tsx';
import { Forbidden } from '../../../components/ui/forbidden.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { pageAccess } from '../../../lib/auth/page-guard.ts';
import { db } from '../../../lib/db.ts';
import { formatUtc } from '../../../lib/format.ts';
import { QUEUE_REASON_LABELS, reviewQueue } from '../../../lib/reviews/queue.ts';
import { currentWorkspace } from '../../../lib/workspaces/current.ts';
import { ReviewsNav } from './_components/reviews-nav.tsx';
import './reviews.css';

export const metadata: Metadata = { title: 'Reviews' };
export const dynamic = 'force-dynamic';

export default async function ReviewQueuePage() {
  const { allowed } = await pageAccess('reviews:read');
  if (!allowed) return <Forbidden what="this section" />;
  const { current } = await currentWorkspace();
  if (!current) return <PageHeader title="Reviews" description="No workspace yet. An administrator adds one in Settings." />;
  const queue = await reviewQueue(db(), current.id);
  const exposed = queue.filter((q) => q.effectiveState === 'exposed').length;
  const published = queue.filter((q) => q.status === 'published').length;
  return (
    <>
      <PageHeader title="Reviews" description={`Every agent of ${current.name} whose current configuration has no decision yet. Decisions are pinned to the configuration: any change of connectors brings the agent back here.`} />
      <ReviewsNav current="/reviews" />
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">Review queue <span className="badge">{queue.length}</span></h2>
        {queue.length === 0 ? (
          <p className="muted">Nothing to review: every agent’s current configuration has a decision.</p>
        ) : (
          <>
            <p className="small muted">
              {published > 0 && <><strong className="state state-exposed">{published} published on the platform without an approval of this configuration</strong>{' '}</>}
              {exposed > 0 && `${exposed} exposed to the lethal trifecta (approval is refused until that is fixed). `}
              Riskiest first.
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Review queue table">
              <table className="table">
                <thead><tr><th>Agent</th><th>Owner</th><th>Why it is here</th><th>Platform status</th><th>Trifecta</th><th>Configuration</th><th>Changed (UTC)</th></tr></thead>
                <tbody>
                  {queue.map((q) => (
                    <tr key={q.id}>
                      <td><Link href={`/reviews/${encodeURIComponent(q.externalId)}`}>{q.name || q.externalId}</Link><div className="small muted">{q.externalId}</div></td>
                      <td>{q.ownerEmail}</td>
                      <td>{QUEUE_REASON_LABELS[q.reason]}{q.approvedBy && <div className="small muted">last approved by {q.approvedBy}{q.lastApprovedAt ? `, ${formatUtc(q.lastApprovedAt)}` : ''}</div>}</td>
                      <td>{statusLabel(q.status)}</td>
                      <td><StateBadge state={q.effectiveState} status={q.status} /></td>
                      <td>{q.versionId ? `version ${q.versionId}` : <span className="muted">version not known</span>}<div><TechId value={q.configHash} short={12} label="configuration hash" /></div></td>
                      <td className="nowrap">{formatUtc(q.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
