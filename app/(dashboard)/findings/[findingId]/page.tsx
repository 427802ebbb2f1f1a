import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { RiskChips } from '@/components/ui/risk-chips.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { CONTROL_TITLES, kindLabel } from '@/lib/findings/labels.ts';
import { getFinding } from '@/lib/findings/queries.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { DueDate, FindingStatusBadge } from '@/app/(dashboard)/findings/_components/finding-status.tsx';
import { AssignForm } from './_components/assign-form.tsx';
import { CausePanel } from './_components/cause-panel.tsx';
import { FindingHistory } from './_components/finding-history.tsx';
import '@/app/(dashboard)/findings/findings.css';

export const metadata: Metadata = { title: 'Finding' };

export default async function FindingPage({ params }: { params: Promise<{ findingId: string }> }) {
  const { actor: user, db, workspace: current } = await workspacePage('findings:read');
  if (!current) notFound();
  const f = await getFinding(db, current.id, decodeURIComponent((await params).findingId), new Date());
  if (!f) notFound();
  const canRequest = can(user.roles, 'exceptions:request') && f.status === 'open';

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/findings">Findings</Link> / {f.subject.label}
      </p>
      <PageHeader
        title={f.subject.type === 'workspace' ? kindLabel(f.kind) : `${kindLabel(f.kind)}: ${f.subject.label}`}
        description={f.message}
        actions={
          <>
            <FindingStatusBadge status={f.status} exceptionId={f.exception_id} />
            {canRequest && (
              <Link className="button button-primary" href={`/exceptions/new?finding=${encodeURIComponent(f.key)}`}>
                Request an exception
              </Link>
            )}
          </>
        }
      />
      <div className="agent-grid">
        <CausePanel cause={f.cause} />
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Finding</h2>
          <dl className="facts facts-narrow">
            <dt>Control</dt>
            <dd>
              {f.control} {CONTROL_TITLES[f.control] ?? ''}
            </dd>
            <dt>Risks</dt>
            <dd>
              {f.risks.length ? (
                <RiskChips risks={f.risks} list="/findings" />
              ) : (
                <span className="muted">None named</span>
              )}
            </dd>
            <dt>Subject</dt>
            <dd>
              {f.subject.href ? <Link href={f.subject.href}>{f.subject.label}</Link> : f.subject.label}{' '}
              <span className="muted small">({f.subject.type})</span>
            </dd>
            <dt>Key</dt>
            <dd className="mono">{f.key}</dd>
            <dt>Status</dt>
            <dd>
              {f.status === 'excepted' && f.exception_id ? (
                <>
                  Excepted by{' '}
                  <Link href={`/exceptions/${encodeURIComponent(f.exception_id)}`}>exception {f.exception_id}</Link>
                </>
              ) : f.status === 'open' ? (
                'Open'
              ) : (
                'Resolved'
              )}
            </dd>
            <dt>Owner</dt>
            <dd>{f.owner ?? <span className="unassigned">Unassigned</span>}</dd>
            <dt>Due</dt>
            <dd>
              <DueDate due={f.due} overdue={f.overdue} />
            </dd>
            <dt>First seen</dt>
            <dd>{formatUtc(f.firstSeenAt)}</dd>
            <dt>Last seen</dt>
            <dd>{formatUtc(f.lastSeenAt)}</dd>
            {f.resolvedAt && (
              <>
                <dt>Resolved</dt>
                <dd>{formatUtc(f.resolvedAt)}</dd>
              </>
            )}
          </dl>
          {can(user.roles, 'findings:write') && f.status !== 'resolved' && (
            <AssignForm workspaceId={current.id} findingId={f.id} owner={f.owner} due={f.due} />
          )}
        </section>
      </div>
      <FindingHistory versions={f.history} />
    </>
  );
}
