import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TechId } from '@/components/ui/tech-id.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { KIND_LABELS, PULLS_BEFORE_NOT_SEEN, STATUS_LABELS } from '@/lib/platform/kinds.ts';
import { batchCounts, getAction, queueProgress } from '@/lib/platform/queries.ts';
import { ApprovalControls } from '../_components/approval.tsx';
import { AttemptsTable } from '../_components/attempts-table.tsx';
import { QueueLive } from '../_components/queue-live.tsx';
import { answerText, approvalText } from '../_components/rows.ts';
import { ActionStatusBadge } from '../_components/status-badge.tsx';
import '../actions.css';

export const metadata: Metadata = { title: 'Platform action' };

type Props = { params: Promise<{ actionId: string }> };

export default async function ActionPage({ params }: Props) {
  const { actor, db, workspace: current } = await workspacePage('platform:read');
  if (!current) notFound();
  const actionId = decodeURIComponent((await params).actionId);
  const now = new Date();
  const a = await getAction(db, current.id, actionId, now);
  if (!a) notFound();
  const [batch, queue] = a.batchId
    ? await Promise.all([batchCounts(db, current.id, a.batchId, now), queueProgress(db, current.id, a.batchId)])
    : [null, await queueProgress(db, current.id).then((q) => q.filter((x) => x.key === a.id))];
  const target = a.agentId ? (
    <Link href={`/agents/${encodeURIComponent(a.targetId)}`}>{a.targetLabel}</Link>
  ) : (
    a.targetLabel
  );

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/actions">Actions</Link> / {a.id}
      </p>
      <PageHeader
        title={`${KIND_LABELS[a.kind]}: ${a.targetLabel}`}
        description={`Requested by ${a.requestedBy} at ${formatUtc(a.requestedAt)}.`}
        actions={<ActionStatusBadge status={a.status} />}
      />
      {queue.length > 0 && (
        <QueueLive
          workspaceId={current.id}
          batchId={a.batchId ?? undefined}
          initial={queue.map((q) => ({ ...q, nextAttemptAt: q.nextAttemptAt?.toISOString() ?? null }))}
        />
      )}
      <div className="agent-grid">
        <section className="panel" aria-labelledby="request-title">
          <h2 id="request-title">Request</h2>
          <dl className="facts facts-narrow">
            <dt>Action</dt>
            <dd>{KIND_LABELS[a.kind]}</dd>
            <dt>Target</dt>
            <dd>
              {target}
              <div className="small mono">
                {a.targetId}
                {a.fileId ? ` · file ${a.fileId}` : ''}
              </div>
            </dd>
            <dt>Reason</dt>
            <dd className="action-reason">{a.reason}</dd>
            <dt>Requested by</dt>
            <dd>
              {a.requestedBy}
              {a.policyKey && <span className="tag tag-warn">by policy {a.policyKey}</span>}
            </dd>
            <dt>Second person</dt>
            <dd>
              {approvalText(a)}
              {a.approvedAt && <div className="small muted">at {formatUtc(a.approvedAt)}</div>}
              {a.status === 'awaiting_approval' && a.expiresAt && (
                <div className="small muted">lapses at {formatUtc(a.expiresAt)}</div>
              )}
            </dd>
            {a.suspensionId && (
              <>
                <dt>Suspension</dt>
                <dd>
                  <Link href={`/suspensions/${encodeURIComponent(a.suspensionId)}`}>the suspension it contains</Link>
                </dd>
              </>
            )}
            {batch && batch.total > 1 && (
              <>
                <dt>Batch</dt>
                <dd>
                  one of {batch.total.toLocaleString('en')} requested together:{' '}
                  {Object.entries(batch.counts)
                    .filter(([, count]) => count > 0)
                    .map(
                      ([s, count]) =>
                        `${count.toLocaleString('en')} ${STATUS_LABELS[s as keyof typeof STATUS_LABELS].toLowerCase()}`,
                    )
                    .join(' · ')}
                </dd>
              </>
            )}
            <dt>Idempotency key</dt>
            <dd>
              <TechId value={a.idempotencyKey} short={12} label="idempotency key" />
              <div className="small muted">sent with every attempt, so a retry never acts twice</div>
            </dd>
          </dl>
          {a.status === 'awaiting_approval' && (
            <ApprovalControls
              workspaceId={current.id}
              batchId={a.batchId}
              actionId={a.batchId ? null : a.id}
              count={batch?.counts.awaiting_approval ?? 1}
              requestedById={a.requestedById}
              viewer={{ id: actor.id, mayApprove: can(actor.roles, 'platform:approve') }}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="outcome-title">
          <h2 id="outcome-title">Platform answer and confirmation</h2>
          <dl className="facts facts-narrow">
            <dt>Status</dt>
            <dd>
              <ActionStatusBadge status={a.status} />
            </dd>
            <dt>First sent</dt>
            <dd>{formatUtc(a.sentAt)}</dd>
            <dt>Answer</dt>
            <dd>
              {answerText(a)}
              {a.answeredAt && <div className="small muted">at {formatUtc(a.answeredAt)}</div>}
              {a.note && <div className="small">{a.note}</div>}
            </dd>
            {a.nextAttemptAt && ['queued', 'sending'].includes(a.status) && (
              <>
                <dt>Next attempt</dt>
                <dd>not before {formatUtc(a.nextAttemptAt)} (the platform asked to wait)</dd>
              </>
            )}
            <dt>Confirmed in logs</dt>
            <dd>
              {a.confirmedEventId ? (
                <>
                  event <TechId value={a.confirmedEventId} label="event id" /> at {formatUtc(a.confirmedAt)}
                </>
              ) : a.status === 'answered' || a.status === 'not_seen' ? (
                <>
                  not yet seen after {a.pullsWithout} pull{a.pullsWithout === 1 ? '' : 's'}
                  {a.status === 'not_seen'
                    ? ' (an alert is open; a later event still confirms it)'
                    : ` (an alert opens after ${PULLS_BEFORE_NOT_SEEN})`}
                </>
              ) : (
                '—'
              )}
            </dd>
          </dl>
          <p className="small muted">
            Only an event the log puller read from the platform itself, timed after the first attempt, confirms an
            action; an uploaded file never does.
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="attempts-title">
        <h2 id="attempts-title">Attempts</h2>
        {a.attemptList.length === 0 ? (
          <p className="muted">
            {a.status === 'awaiting_approval' ||
            a.status === 'declined' ||
            a.status === 'expired' ||
            a.status === 'dry_run'
              ? 'Nothing was sent.'
              : 'No attempt yet.'}
          </p>
        ) : (
          <AttemptsTable
            rows={a.attemptList.map((t) => ({
              id: t.id,
              number: t.number,
              startedAt: formatUtc(t.startedAt),
              finishedAt: t.finishedAt ? formatUtc(t.finishedAt) : 'no answer stored',
              status: t.status === null ? 'no answer' : `HTTP ${t.status}`,
              retryAfter: t.retryAfterMs === null ? '—' : `${Math.ceil(t.retryAfterMs / 1000)} s`,
              error: t.error ?? '',
            }))}
          />
        )}
      </section>
    </>
  );
}
