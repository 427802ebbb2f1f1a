import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { listCampaigns } from '@/lib/campaigns/queries.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { CampaignTable } from './_components/campaign-table.tsx';
import './campaigns.css';

export const metadata: Metadata = { title: 'Access reviews' };
export const dynamic = 'force-dynamic';

export default async function CampaignsPage() {
  const { actor, db, workspace } = await workspacePage('campaigns:read');
  if (!workspace)
    return <PageHeader title="Access reviews" description="No workspace yet. An administrator adds one in Settings." />;
  const now = new Date();
  const rows = await listCampaigns(db, workspace.id, now);
  const running = rows.filter((c) => c.status === 'running');
  return (
    <>
      <PageHeader
        title="Access reviews"
        description={
          `Periodic reviews of who may use what in ${workspace.name}: agent role assignments (guide 6.1), ` +
          'agent and GPT ownership, GPT sharing. Each item is decided keep, revoke or reassign with a reason; ' +
          'a revocation is a finding until the workspace shows it done.'
        }
        actions={
          can(actor.roles, 'campaigns:manage') ? (
            <Link className="button button-primary" href="/campaigns/new">
              Start a campaign
            </Link>
          ) : undefined
        }
      />
      <ul className="count-row" aria-label="Campaigns by status">
        <li>
          <strong>{running.length}</strong> running
        </li>
        <li className={running.some((c) => c.overdue) ? 'count-bad' : undefined}>
          <strong>{running.filter((c) => c.overdue).length}</strong> overdue
        </li>
        <li>
          <strong>{rows.filter((c) => c.status === 'scheduled').length}</strong> scheduled
        </li>
        <li>
          <strong>{rows.filter((c) => c.status === 'completed' || c.status === 'closed').length}</strong> ended
        </li>
      </ul>
      <section className="panel" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">Campaigns</h2>
        <CampaignTable rows={rows} />
      </section>
    </>
  );
}
