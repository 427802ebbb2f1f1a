import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { openFindings, trifectaAgents } from '@/lib/exceptions/queries.ts';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/limits.ts';
import { isoDay } from '@/lib/exceptions/rules.ts';
import { latestReviewAt } from '@/lib/exceptions/state.ts';
import { RequestForm } from './_components/request-form.tsx';
import '@/app/(dashboard)/exceptions/exceptions.css';

export const metadata: Metadata = { title: 'Request an exception' };

const WHO_APPROVES = 'A CISO other than you approves or rejects it; the review date is at most 90 days after approval.';

export default async function NewExceptionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, workspace: current } = await workspacePage('exceptions:request');
  if (!current)
    return (
      <PageHeader title="Request an exception" description="No workspace yet. An administrator adds one in Settings." />
    );
  const params = await searchParams;
  const preselected = [params.finding].flat().filter((f): f is string => typeof f === 'string');
  const preAgent = typeof params.agent === 'string' ? params.agent : undefined;
  // From a review refused for a missing approval gate: the agent and its categories.
  const preGate =
    params.scope === 'approval_gate' && preAgent
      ? { agent: preAgent, categories: typeof params.categories === 'string' ? params.categories : '' }
      : undefined;
  const [findings, agents, catalogue] = await Promise.all([
    openFindings(db, current.id),
    trifectaAgents(db, current.id),
    currentCatalogue(db, current.id),
  ]);
  const apps = [
    ...catalogue.apps.map((a) => ({ id: a.id, name: a.name })),
    { id: 'custom_mcp_servers', name: 'Custom MCP servers' },
  ];
  // The latest day a request made today can propose (approval can only come later, never earlier).
  const now = new Date();
  const maxDay = isoDay(latestReviewAt(now));
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/exceptions">Exceptions</Link> / New request
      </p>
      <PageHeader title="Request an exception" description={`For ${current.name}. ${WHO_APPROVES}`} />
      <RequestForm
        workspaceId={current.id}
        findings={findings}
        preselected={preselected}
        agents={agents}
        preAgent={preAgent}
        preGate={preGate}
        apps={apps}
        minDay={isoDay(new Date(now.getTime() + 86_400_000))}
        maxDay={maxDay}
        maxBytes={MAX_ATTACHMENT_BYTES}
      />
    </>
  );
}
