import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { RiskChips } from '@/components/ui/risk-chips.tsx';
import { alertRisks } from '@/lib/alerts/risks.ts';
import { eventContent, getAlert } from '@/lib/alerts/queries.ts';
import { can } from '@/lib/auth/permissions.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { TriageForm } from '@/app/(dashboard)/alerts/_components/triage-form.tsx';
import { AlertEventsTable } from './_components/events-table.tsx';

export const metadata: Metadata = { title: 'Alert' };

export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const { actor: user, db, workspace: current } = await workspacePage('alerts:read');
  if (!current) notFound();
  const found = await getAlert(db, current.id, (await params).alertId);
  if (!found) notFound();
  const { alert, events, agent, principal } = found;
  const risks = alertRisks(alert.ruleId);
  const content =
    principal && can(user.roles, 'logs:content') ? await eventContent(db, principal, alert.eventIds) : null;
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/alerts">Alerts</Link> / {alert.ruleId}
      </p>
      <PageHeader title={alert.title} description={alert.message} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Alert</h2>
          <dl className="facts">
            <dt>Severity</dt>
            <dd>
              <span className={`severity severity-${alert.severity}`}>{alert.severity}</span>
            </dd>
            <dt>Status</dt>
            <dd>{alert.status.replace('_', ' ')}</dd>
            <dt>Assignee</dt>
            <dd>{alert.assignee ?? 'Unassigned'}</dd>
            <dt>When</dt>
            <dd>{formatUtc(alert.at)} UTC</dd>
            <dt>Agent</dt>
            <dd>
              {agent && alert.agentId ? (
                <Link href={`/agents/${encodeURIComponent(alert.agentId)}`}>{agent.name}</Link>
              ) : alert.agentId ? (
                <code>{alert.agentId}</code>
              ) : (
                '—'
              )}
            </dd>
            <dt>Rule</dt>
            <dd>
              <code>{alert.ruleId}</code>
            </dd>
            <dt>Risks</dt>
            <dd>
              {risks.length ? <RiskChips risks={risks} list="/alerts" /> : <span className="muted">None named</span>}
            </dd>
          </dl>
        </section>
        {can(user.roles, 'alerts:triage') && (
          <section className="panel" aria-labelledby="triage-title">
            <h2 id="triage-title">Triage</h2>
            <TriageForm workspaceId={current.id} alertId={alert.id} status={alert.status} assignee={alert.assignee} />
          </section>
        )}
      </div>
      <section className="panel" aria-labelledby="events-title">
        <h2 id="events-title">Events behind it</h2>
        <AlertEventsTable
          alertId={alert.id}
          rows={events.map((e) => ({
            eventId: e.eventId,
            at: formatUtc(e.at),
            type: e.eventType ?? e.type,
            actor: e.actorEmail ?? '—',
            json: JSON.stringify(e.record, null, 2),
          }))}
        />
      </section>
      {content && content.length > 0 && (
        <section className="panel" aria-labelledby="content-title">
          <h2 id="content-title">Content (personal data)</h2>
          <p className="small muted">Shown to roles with the content permission; purged after its retention period.</p>
          <dl className="facts">
            {content.map((c) => (
              <div key={`${c.eventId}${c.path}`} style={{ display: 'contents' }}>
                <dt>
                  <code className="small">
                    {c.eventId} · {c.path}
                  </code>
                </dt>
                <dd>{c.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section className="panel" aria-labelledby="notes-title">
        <h2 id="notes-title">History</h2>
        {alert.notes.length === 0 ? (
          <p className="muted">Raised {formatUtc(alert.createdAt)} UTC; not triaged yet.</p>
        ) : (
          <ol className="timeline">
            <li>
              <span className="small muted">{formatUtc(alert.createdAt)} UTC</span> Raised
            </li>
            {alert.notes.map((n) => (
              <li key={String(n.id)}>
                <span className="small muted">
                  {formatUtc(n.at)} UTC · {n.author}
                </span>{' '}
                {n.kind === 'note' ? <q>{n.text}</q> : n.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
