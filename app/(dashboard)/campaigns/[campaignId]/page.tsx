import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/limits.ts';
import { can } from '@/lib/auth/permissions.ts';
import { closeCampaignAction } from '@/lib/campaigns/actions.ts';
import { eligibleReviewers, getCampaign } from '@/lib/campaigns/queries.ts';
import { isScope, SCOPE_LABELS } from '@/lib/campaigns/types.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { CampaignStatus } from '../_components/status-badge.tsx';
import { ItemTable } from './_components/item-table.tsx';
import { ProgressTable } from './_components/progress-table.tsx';
import '../campaigns.css';

export const metadata: Metadata = { title: 'Access review' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ campaignId: string }> };

export default async function CampaignPage({ params }: Props) {
  const { campaignId } = await params;
  const { actor, db, workspace } = await workspacePage('campaigns:read');
  if (!workspace) notFound();
  const c = await getCampaign(db, workspace.id, campaignId, new Date());
  if (!c) notFound();
  const manage = can(actor.roles, 'campaigns:manage');
  const decide = can(actor.roles, 'campaigns:decide');
  const scopes = c.scopes.map((s) => (isScope(s) ? SCOPE_LABELS[s] : s)).join('; ');
  const recurs = c.recurrenceDays ? `recurs every ${c.recurrenceDays} days` : 'runs once';
  const reviewers = manage && c.status === 'running' ? await eligibleReviewers(db) : [];
  const mine = c.items.filter((i) => i.reviewerId === actor.id && i.decision === null).length;
  return (
    <>
      <PageHeader title={c.name} description={`${scopes}. Started by ${c.createdBy}; ${recurs}.`} />
      <dl className="camp-facts" aria-label="Campaign">
        <div>
          <dt>Status</dt>
          <dd>
            <CampaignStatus status={c.status} overdue={c.overdue} />
          </dd>
        </div>
        <div>
          <dt>{c.startedAt ? 'Started' : 'Starts'}</dt>
          <dd>{formatUtc(c.startedAt ?? c.startsAt)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd className={c.overdue ? 'camp-late' : undefined}>{formatUtc(c.dueAt)}</dd>
        </div>
        {c.endedAt && (
          <div>
            <dt>Ended</dt>
            <dd>{formatUtc(c.endedAt)}</dd>
          </div>
        )}
        {c.status === 'running' && decide && (
          <div>
            <dt>For you to decide</dt>
            <dd className={mine ? 'camp-late' : undefined}>{mine}</dd>
          </div>
        )}
      </dl>
      <section className="panel" aria-labelledby="progress-title">
        <h2 id="progress-title">Progress per reviewer</h2>
        <ProgressTable rows={c.progress} />
        {manage && (c.status === 'running' || c.status === 'scheduled') && (
          <ActionForm action={closeCampaignAction} className="inline-form" label="Close the campaign">
            <input type="hidden" name="workspaceId" value={workspace.id} />
            <input type="hidden" name="campaignId" value={c.id} />
            <span className="small muted">Closing ends it now; undecided items stay undecided in its report.</span>
            <button className="button" type="submit">
              Close the campaign
            </button>
          </ActionForm>
        )}
      </section>
      <section className="panel" aria-labelledby="items-title">
        <h2 id="items-title">Items</h2>
        {c.status === 'scheduled' ? (
          <p className="muted">The items are read from the workspace when the campaign starts.</p>
        ) : (
          <ItemTable
            items={c.items}
            workspaceId={workspace.id}
            campaignId={c.id}
            running={c.status === 'running'}
            me={actor.id}
            canDecide={decide}
            canManage={manage}
            maxBytes={MAX_ATTACHMENT_BYTES}
            reviewers={reviewers}
          />
        )}
      </section>
      {c.notices.length > 0 && (
        <section className="panel" aria-labelledby="notices-title">
          <h2 id="notices-title">Notices</h2>
          <ul className="small">
            {c.notices.map((n) => (
              <li key={`${n.kind}-${n.recipient}-${n.sentAt.toISOString()}`}>
                {formatUtc(n.sentAt)} — {n.kind} {n.recipient}: {n.delivery}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
