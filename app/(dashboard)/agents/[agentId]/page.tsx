import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LegDots, StateBadge, statusLabel } from '@/components/agents/legs.tsx';
import { TrifectaDiagram } from '@/components/agents/trifecta-diagram.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { getAgent, recentAgentRuns } from '@/lib/agents/queries.ts';
import { workspaceClassifier } from '@/lib/agents/classify-in-workspace.ts';
import { LEG_LABELS } from '@/lib/apps/legs.ts';
import { formatUtc } from '@/lib/format.ts';
import { trifectaView } from '@/lib/trifecta/explain.ts';
import { categoryLabel } from '@/lib/reviews/category-labels.ts';
import { ownerStanding } from '@/lib/roster/orphans.ts';
import { BreakAdvice } from './_components/break-advice.tsx';
import { HistoryTimeline } from './_components/history-timeline.tsx';
import { LastRuns } from './_components/last-runs.tsx';
import { SuspensionPanel } from './_components/suspension-panel.tsx';
import { PlatformActionsCard } from './_components/platform-actions-card.tsx';
import { ConnectedAppsTable, type ConnectedAppRow } from './_components/apps-table.tsx';
import { GptView } from './_components/gpt-view.tsx';

export const metadata: Metadata = { title: 'Agent' };

const NOT_ON_ROSTER =
  'The roster is not empty but does not list this owner (a partial roster, or a typo in the export)';

type Props = {
  params: Promise<{ agentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AgentPage({ params, searchParams }: Props) {
  const { actor, db, workspace: current } = await workspacePage('agents:read');
  if (!current) notFound();
  const agentId = decodeURIComponent((await params).agentId);
  const agent = await getAgent(db, current.id, agentId);
  if (!agent) notFound();
  // A custom GPT is an Agent row too (same URL, register, reviews and exceptions) but is read by its parts.
  if (agent.kind === 'custom_gpt') {
    const search = await searchParams;
    return (
      <GptView
        db={db}
        workspaceId={current.id}
        roles={actor.roles}
        agent={agent}
        search={{ from: one(search.from), to: one(search.to) }}
      />
    );
  }

  // Classified live under the current catalogue, to explain the stored state in full.
  // With the workspace's observed action control (6.2) and exceptions in force, as the stored state is.
  const { catalogue, classify } = await workspaceClassifier(db, current.id);
  const c = classify(agent).classification;

  // Orphaned: the owner is deactivated or removed on the roster (an owner absent from it does not count).
  const owner = await ownerStanding(db, current.id, agent.ownerEmail);
  const [runs, runCount] = await recentAgentRuns(db, current.id, agent.externalId);
  const kindLabel = agent.kind === 'workspace_agent' ? 'Workspace agent' : agent.kind;
  const appRows: ConnectedAppRow[] = c.apps.map((a) => {
    const closed = c.sendMitigations.find((m) => m.app === a.id && m.mitigated)?.reason ?? null;
    return {
      id: a.id,
      written: a.written,
      status: a.status,
      brings: a.legs.length ? a.legs.map((l) => LEG_LABELS[l].toLowerCase()).join(', ') : '—',
      sends: <SendActions app={a} closed={closed} />,
      sendsText: sendText(a, closed),
    };
  });

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/agents">Agents</Link> / {agent.externalId}
      </p>
      <PageHeader
        title={agent.name || agent.externalId}
        description={`${kindLabel} owned by ${agent.ownerEmail}`}
        actions={
          <>
            <StateBadge state={c.effectiveState} status={agent.status} />{' '}
            <Link className="button button-small" href={`/reviews/${encodeURIComponent(agent.externalId)}`}>
              Publish review
            </Link>
          </>
        }
      />
      {owner.kind === 'orphaned' && (
        <div className="alert alert-error" role="note">
          <strong>Orphaned agent.</strong> Its owner {agent.ownerEmail}
          {owner.name ? ` (${owner.name})` : ''} is {owner.status} on the workspace roster, so nobody answers for it any
          more. Give it a new owner in ChatGPT, or suspend it.{' '}
          <Link href="/agents?show=orphaned">All orphaned agents</Link>.
        </div>
      )}
      <div className="agent-grid">
        <section className="panel" aria-labelledby="diagram-title">
          <h2 id="diagram-title">Lethal trifecta</h2>
          <TrifectaDiagram view={trifectaView(c)} />
        </section>
        <section className="panel" aria-labelledby="identity-title">
          <h2 id="identity-title">Identity</h2>
          <dl className="facts facts-narrow">
            <dt>Agent id</dt>
            <dd className="mono">{agent.externalId}</dd>
            <dt>Owner</dt>
            <dd>
              <Link href={`/agents?owner=${encodeURIComponent(agent.ownerEmail)}`}>{agent.ownerEmail}</Link>
              {owner.kind === 'orphaned' && (
                <span className="tag tag-warn" title={`The owner is ${owner.status} on the roster`}>
                  orphaned: owner {owner.status}
                </span>
              )}
              {owner.kind === 'not_on_roster' && (
                <span className="tag tag-warn" title={NOT_ON_ROSTER}>
                  not on the roster
                </span>
              )}
            </dd>
            <dt>Status</dt>
            <dd>
              {statusLabel(agent.status)}
              {!agent.inLatestExport && <span className="tag tag-warn">not in latest export</span>}
            </dd>
            <dt>Trifecta</dt>
            <dd>
              <LegDots legs={c.legs} words />
            </dd>
            <dt>Risk state</dt>
            <dd>
              <StateBadge state={c.effectiveState} status={agent.status} held />
            </dd>
            <dt>Configuration</dt>
            <dd>
              its current apps and settings; decisions and exceptions hold for exactly these{' '}
              <div>
                <TechId value={agent.configHash} short={16} label="configuration hash" />
              </div>
            </dd>
            <dt>First seen</dt>
            <dd>{formatUtc(agent.firstSeenAt)}</dd>
            <dt>Last changed</dt>
            <dd>{formatUtc(agent.updatedAt)}</dd>
            <dt>Catalogue</dt>
            <dd>
              {catalogue.profile} profile, version {catalogue.version}
            </dd>
          </dl>
        </section>
      </div>
      <SuspensionPanel db={db} workspaceId={current.id} agentId={agent.id} />
      <PlatformActionsCard db={db} workspaceId={current.id} roles={actor.roles} agentId={agent.id} />
      <BreakAdvice classification={c} />
      <section className="panel" aria-labelledby="apps-title">
        <h2 id="apps-title">Connected apps</h2>
        <ConnectedAppsTable rows={appRows} agentId={agent.externalId} />
        {(c.unknownApps.length > 0 || c.unclassifiedMcp.length > 0) && (
          <p className="small">
            <Link href="/apps#needs-classification">Classify these apps on the Apps page</Link>.
          </p>
        )}
      </section>
      <LastRuns runs={runs} total={runCount} agentId={agent.externalId} />
      <HistoryTimeline history={agent.history} />
    </>
  );
}

/** External-send actions in words, each approval category in plain words with its id second (copyable). */
function SendActions({
  app,
  closed,
}: {
  app: {
    status: string;
    app: { actions: { name: string; externalSend: boolean; approvalCategory: string | null }[] } | null;
  };
  closed: string | null;
}) {
  if (!app.app)
    return (
      <>
        {app.status === 'mcp_unclassified' ? 'unknown (custom MCP server)' : '—'}
        {closed && <div className="muted">closed: {closed}</div>}
      </>
    );
  const sends = app.app.actions.filter((x) => x.externalSend);
  if (sends.length === 0) return <>—</>;
  const categories = [...new Set(sends.map((x) => x.approvalCategory).filter((x): x is string => x !== null))];
  return (
    <>
      {closed && (
        <div>
          <strong>Closed</strong>: {closed}.
        </div>
      )}
      <span className={closed ? 'muted' : undefined}>{sends.map((x) => x.name.replace(/_/g, ' ')).join(', ')}</span>
      {categories.map((id) => (
        <div key={id}>
          {categoryLabel(id)} <TechId value={id} label="approval category" />
        </div>
      ))}
    </>
  );
}

/** The send cell in words, for the CSV of the connected apps. */
function sendText(
  app: { status: string; app: { actions: { name: string; externalSend: boolean }[] } | null },
  closed: string | null,
): string {
  const sends = app.app?.actions.filter((x) => x.externalSend).map((x) => x.name.replace(/_/g, ' ')) ?? [];
  const what = app.app
    ? sends.join(', ') || '—'
    : app.status === 'mcp_unclassified'
      ? 'unknown (custom MCP server)'
      : '—';
  return closed ? `${what} (closed: ${closed})` : what;
}
