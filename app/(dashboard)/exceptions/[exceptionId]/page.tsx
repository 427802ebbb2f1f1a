import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { addLinkAction } from '@/lib/exceptions/actions.ts';
import { covers, getException } from '@/lib/exceptions/queries.ts';
import { daysBetween, isoDay, samePerson } from '@/lib/exceptions/rules.ts';
import { MAX_ATTACHMENT_BYTES } from '@/lib/attachments/limits.ts';
import { findingStatus, latestReviewAt } from '@/lib/exceptions/state.ts';
import { formatUtc } from '@/lib/format.ts';
import { ExceptionStatusBadge } from '@/app/(dashboard)/exceptions/_components/badges.tsx';
import { DecisionPanel } from './_components/decision-panel.tsx';
import { FileUpload } from './_components/file-upload.tsx';
import { HistoryList } from './_components/history-list.tsx';
import '@/app/(dashboard)/exceptions/exceptions.css';
import { CoveredTable } from './_components/covered-table.tsx';

export const metadata: Metadata = { title: 'Exception' };

export default async function ExceptionPage({ params }: { params: Promise<{ exceptionId: string }> }) {
  const { actor: user, db, workspace: current } = await workspacePage('exceptions:read');
  if (!current) notFound();
  const now = new Date();
  const e = await getException(db, current.id, decodeURIComponent((await params).exceptionId), now);
  if (!e) notFound();

  const inForce = covers(e);
  const isRequester = samePerson(
    { id: e.requestedById, label: e.requestedBy },
    { id: user.id, label: user.email ?? user.subject },
  );
  const mayAttach = can(user.roles, 'exceptions:request') && (e.stored === 'requested' || e.stored === 'approved');
  const daysLeft = daysBetween(now, e.reviewAt);
  const attachmentBase = `/api/exceptions/${encodeURIComponent(e.id)}/attachments`;
  const hidden = (
    <>
      <input type="hidden" name="workspaceId" value={current.id} />
      <input type="hidden" name="exceptionId" value={e.id} />
    </>
  );

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/exceptions">Exceptions</Link> / {e.title}
      </p>
      <PageHeader title={e.title} description={e.scopeLabel} actions={<ExceptionStatusBadge status={e.status} />} />
      {e.expiring && (
        <p className="alert alert-warning" role="status">
          Expiring within 14 days: on {formatUtc(e.reviewAt)} it expires and its findings reopen. Renewal is a new
          request.
        </p>
      )}
      {e.lapsed && e.status === 'approved' && (
        <p className="alert alert-warning" role="status">
          Lapsed: the agent’s connectors changed since the request, so this exception no longer accepts its trifecta.
        </p>
      )}
      <div className="agent-grid">
        <section className="panel" aria-labelledby="case-title">
          <h2 id="case-title">Business case</h2>
          <p className="business-case">{e.businessCase}</p>
        </section>
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Facts</h2>
          <dl className="facts facts-narrow exc-facts">
            <dt>Status</dt>
            <dd>
              <ExceptionStatusBadge status={e.status} />
            </dd>
            <dt>Scope</dt>
            <dd>
              {e.scopeLabel}
              {e.agent && (
                <div className="small">
                  <Link href={`/agents/${encodeURIComponent(e.agent.externalId)}`}>Open {e.agent.name}</Link>
                </div>
              )}
            </dd>
            <dt>CAB ticket</dt>
            <dd>{e.cabTicket ?? '—'}</dd>
            <dt>Requested</dt>
            <dd>
              {e.requestedBy}
              <div className="small muted">{formatUtc(e.requestedAt)}</div>
            </dd>
            <dt>{e.stored === 'rejected' ? 'Rejected' : e.stored === 'requested' ? 'Decision' : 'Approved'}</dt>
            <dd>
              {e.decidedBy ?? 'Awaiting a CISO'}
              {e.decidedAt && <div className="small muted">{formatUtc(e.decidedAt)}</div>}
            </dd>
            {e.decisionNote && (
              <>
                <dt>Note</dt>
                <dd>{e.decisionNote}</dd>
              </>
            )}
            {e.revokedBy && (
              <>
                <dt>Revoked</dt>
                <dd>
                  {e.revokedBy}
                  <div className="small muted">{formatUtc(e.revokedAt)}</div>
                </dd>
              </>
            )}
            <dt>Review date</dt>
            <dd>
              {formatUtc(e.reviewAt)}
              {e.status === 'approved' && (
                <div className="small muted">
                  {daysLeft} day{daysLeft === 1 ? '' : 's'} left
                </div>
              )}
            </dd>
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings covered</h2>
        {e.findingKeys.length === 0 ? (
          <p className="muted">None named.</p>
        ) : (
          <CoveredTable
            rows={e.findingKeys.map((key) => {
              const f = e.findings.find((x) => x.key === key);
              return {
                key,
                message: f?.message ?? null,
                control: f?.control ?? null,
                subject: f?.subjectLabel ?? null,
                status: f ? findingStatus(f.status, inForce) : null,
              };
            })}
          />
        )}
      </section>

      {can(user.roles, 'exceptions:approve') && (e.status === 'requested' || e.status === 'approved') && (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{e.status === 'requested' ? 'Decision' : 'Revoke'}</h2>
          <DecisionPanel
            workspaceId={current.id}
            exceptionId={e.id}
            status={e.status}
            isRequester={isRequester}
            proposedDay={isoDay(e.reviewAt)}
            minDay={isoDay(new Date(now.getTime() + 86_400_000))}
            maxDay={isoDay(latestReviewAt(now))}
          />
        </section>
      )}

      <section className="panel" aria-labelledby="evidence-title">
        <h2 id="evidence-title">Evidence</h2>
        {e.attachments.length === 0 ? (
          <p className="muted">No attachment or link.</p>
        ) : (
          <ul className="evidence-list">
            {e.attachments.map((a) => (
              <li key={a.id}>
                {a.url ? (
                  <a href={a.url} rel="noopener noreferrer nofollow" target="_blank">
                    {a.url}
                  </a>
                ) : (
                  <>
                    <a
                      href={`${attachmentBase}/${encodeURIComponent(a.id)}?ws=${encodeURIComponent(current.id)}`}
                      download
                    >
                      {a.filename}
                    </a>
                    <span className="small muted">{(a.size ?? 0).toLocaleString('en')} bytes</span>
                    <span className="sha" title="SHA-256">
                      sha256 {a.sha256}
                    </span>
                  </>
                )}
                <span className="small muted">
                  added by {a.addedBy}, {formatUtc(a.addedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {mayAttach && (
          <>
            <ActionForm action={addLinkAction} className="inline-form" label="Add a link">
              {hidden}
              <label>
                Link (https only)
                <input type="url" name="url" required placeholder="https://" />
              </label>
              <button className="button" type="submit">
                Add link
              </button>
            </ActionForm>
            <FileUpload workspaceId={current.id} exceptionId={e.id} maxBytes={MAX_ATTACHMENT_BYTES} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <HistoryList versions={e.history} />
      </section>
    </>
  );
}
