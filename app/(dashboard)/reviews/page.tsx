import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { AGENT_KIND_LABELS, QUEUE_LIMIT, QUEUE_REASON_LABELS, queueDetails, queueKeys } from '@/lib/reviews/queue.ts';
import { QueueTable } from './_components/queue-table.tsx';
import { ReviewsNav } from './_components/reviews-nav.tsx';
import { pageSlice, parsePage, parseSort, sortRows } from '@/components/data-table/url-state.ts';
import './reviews.css';

export const metadata: Metadata = { title: 'Reviews' };
// The columns this page sorts by on the server (ids of the table's columns). Kept here, not in the client
// table module: a server component reads a client module's exports only as references.
const QUEUE_SORTS = ['agent', 'owner', 'changed'] as const;
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const PAGE_SIZE = 100;

export default async function ReviewQueuePage({ searchParams }: Props) {
  const { db, workspace: current } = await workspacePage('reviews:read');
  if (!current)
    return <PageHeader title="Reviews" description="No workspace yet. An administrator adds one in Settings." />;
  // Up to 1,000 queued agents' keys (the badge, the figures and the sort), then only the shown hundred read whole.
  const queue = await queueKeys(db, current.id);
  const exposed = queue.filter((q) => q.effectiveState === 'exposed').length;
  const published = queue.filter((q) => q.status === 'published').length;
  const params = await searchParams;
  const sorted = sortRows(queue, parseSort(params, QUEUE_SORTS), (q, key) =>
    key === 'agent' ? q.name || q.externalId : key === 'owner' ? q.ownerEmail : q.updatedAt,
  );
  const view = pageSlice(sorted, parsePage(params), PAGE_SIZE);
  const shown = await queueDetails(db, view.rows);
  return (
    <>
      <PageHeader
        title="Reviews"
        description={[
          `Every agent of ${current.name} whose current configuration has no decision yet.`,
          'Decisions are pinned to the configuration: any change of connectors brings the agent back here.',
        ].join(' ')}
      />
      <ReviewsNav current="/reviews" />
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">
          Review queue{' '}
          <span className="badge">
            {queue.length >= QUEUE_LIMIT ? `${QUEUE_LIMIT.toLocaleString('en')}+` : queue.length}
          </span>
        </h2>
        {queue.length === 0 ? (
          <p className="muted">Nothing to review: every agent’s current configuration has a decision.</p>
        ) : (
          <>
            <p className="small muted">
              {published > 0 && (
                <>
                  <strong className="state state-exposed">
                    {published} published on the platform without an approval of this configuration
                  </strong>{' '}
                </>
              )}
              {exposed > 0 && `${exposed} exposed to the lethal trifecta (approval is refused until that is fixed). `}
              Riskiest first
              {queue.length >= QUEUE_LIMIT
                ? ` (the ${QUEUE_LIMIT.toLocaleString('en')} riskiest shown; the figures above count those).`
                : '.'}
            </p>
            <QueueTable
              paging={{ page: view.page, pages: view.pages }}
              rows={shown.map((q) => ({
                id: q.id,
                externalId: q.externalId,
                kind: AGENT_KIND_LABELS[q.kind] ?? q.kind,
                name: q.name,
                ownerEmail: q.ownerEmail,
                reason: QUEUE_REASON_LABELS[q.reason],
                lastApproval: q.approvedBy
                  ? `last approved by ${q.approvedBy}${q.lastApprovedAt ? `, ${formatUtc(q.lastApprovedAt)}` : ''}`
                  : null,
                status: q.status,
                effectiveState: q.effectiveState,
                versionId: q.versionId,
                configHash: q.configHash,
                changed: formatUtc(q.updatedAt),
              }))}
            />
          </>
        )}
      </section>
    </>
  );
}
