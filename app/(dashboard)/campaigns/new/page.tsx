import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { eligibleReviewers } from '@/lib/campaigns/queries.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { StartForm } from './_components/start-form.tsx';
import '../campaigns.css';

export const metadata: Metadata = { title: 'Start an access review' };
export const dynamic = 'force-dynamic';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function NewCampaignPage() {
  const { db, workspace } = await workspacePage('campaigns:manage');
  if (!workspace)
    return (
      <PageHeader
        title="Start an access review"
        description="No workspace yet. An administrator adds one in Settings."
      />
    );
  const reviewers = await eligibleReviewers(db);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Start an access review"
        description={
          'The items are read from the workspace’s data when the campaign starts and kept as they were: ' +
          'later changes do not alter what was reviewed.'
        }
      />
      <section className="panel">
        <StartForm
          workspaceId={workspace.id}
          reviewers={reviewers}
          today={day(now)}
          defaultDue={day(new Date(now.getTime() + 14 * DAY))}
        />
      </section>
    </>
  );
}
