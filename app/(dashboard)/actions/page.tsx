import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { ACTION_PAGE_SIZE, actionQuery, parseActionFilter, sortDir } from '@/lib/platform/filter.ts';
import { ACTION_KINDS, ACTION_STATUSES, KIND_LABELS, STATUS_LABELS } from '@/lib/platform/kinds.ts';
import { actionCounts, hasActKey, listActions, pendingRequests, queueProgress } from '@/lib/platform/queries.ts';
import { ActionsTable } from './_components/actions-table.tsx';
import { ApprovalControls } from './_components/approval.tsx';
import { QueueLive } from './_components/queue-live.tsx';
import { toTableRow } from './_components/rows.ts';
import './actions.css';

export const metadata: Metadata = { title: 'Actions' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const WHAT =
  'What Tollgate asked the platform to do through its Admin API: who asked and why, who approved, every attempt, ' +
  'the platform’s answer and the log event that shows the change.';

export default async function ActionsPage({ searchParams }: Props) {
  const { actor, db, workspace: current } = await workspacePage('platform:read');
  if (!current)
    return <PageHeader title="Actions" description="No workspace yet. An administrator adds one in Settings." />;
  const filter = parseActionFilter(await searchParams);
  const now = new Date();
  const [{ rows, total }, counts, pending, queue, actKey] = await Promise.all([
    listActions(db, current.id, filter, now),
    actionCounts(db, current.id, now),
    pendingRequests(db, current.id, now),
    queueProgress(db, current.id),
    hasActKey(db, current.id),
  ]);
  const pages = Math.max(1, Math.ceil(total / ACTION_PAGE_SIZE));
  const exportQuery = new URLSearchParams(actionQuery(filter, { page: filter.page }).slice(1));
  exportQuery.delete('page');
  exportQuery.set('ws', current.id);
  const viewer = { id: actor.id, mayApprove: can(actor.roles, 'platform:approve') };
  const glance: { status: (typeof ACTION_STATUSES)[number] | 'open'; count: number; words: string; bad?: boolean }[] = [
    { status: 'awaiting_approval', count: counts.awaiting_approval, words: 'awaiting a second person' },
    { status: 'open', count: counts.queued + counts.sending, words: 'queued or sending' },
    { status: 'answered', count: counts.answered, words: 'answered, not yet in the logs' },
    { status: 'confirmed', count: counts.confirmed, words: 'confirmed in the logs' },
    { status: 'not_seen', count: counts.not_seen, words: 'not seen in the logs', bad: true },
    { status: 'failed', count: counts.failed, words: 'failed', bad: true },
  ];
  // A policy in dry run records what it would have done: counted only when there is any.
  if (counts.dry_run > 0) glance.push({ status: 'dry_run', count: counts.dry_run, words: 'dry runs of a policy' });

  return (
    <>
      <PageHeader title="Actions" description={`${WHAT} Workspace: ${current.name}.`} />
      {!actKey && (
        <div className="alert alert-warning" role="note">
          <strong>No act key:</strong> Tollgate cannot act on the platform in this workspace, so agent and GPT pages
          offer no unpublish, isolate or delete and a suspension shows the admin-console steps instead. An admin adds an
          act key (a key with the delete/act scope, apart from the read key) in{' '}
          <Link href="/alerts/sources">Alerts → Sources</Link>.
        </div>
      )}
      <ul className="count-row panel actions-counts" aria-label="Actions at a glance">
        {glance.map((g) => (
          <li key={g.words} className={g.bad && g.count > 0 ? 'count-bad' : undefined}>
            <Link href={`/actions${actionQuery(filter, { status: g.status })}`}>
              <strong>{g.count.toLocaleString('en')}</strong> {g.words}
            </Link>
          </li>
        ))}
      </ul>
      {queue.length > 0 && (
        <QueueLive
          workspaceId={current.id}
          initial={queue.map((q) => ({ ...q, nextAttemptAt: q.nextAttemptAt?.toISOString() ?? null }))}
        />
      )}
      {pending.length > 0 && (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">Waiting for a second person</h2>
          <p className="small muted">
            Deletes, and any request for more than 10 targets, are sent only once a different person with
            platform:approve (admin or CISO) approves them; a request lapses after 24 hours.
          </p>
          <ul className="pending-list">
            {pending.map((p) => (
              <li key={p.key} className="pending-request">
                <p>
                  <strong>{KIND_LABELS[p.kind]}</strong>
                  {p.count > 1 ? ` × ${p.count.toLocaleString('en')}` : ''}: {p.labels.join(', ')}
                  {p.count > p.labels.length ? ` and ${(p.count - p.labels.length).toLocaleString('en')} more` : ''}
                  {p.actionId && (
                    <>
                      {' '}
                      <Link href={`/actions/${encodeURIComponent(p.actionId)}`}>details</Link>
                    </>
                  )}
                </p>
                <p className="small">
                  Asked by {p.requestedBy} at {formatUtc(p.requestedAt)} · lapses {formatUtc(p.expiresAt)}. Reason:{' '}
                  {p.reason}
                </p>
                <ApprovalControls
                  workspaceId={current.id}
                  batchId={p.batchId}
                  actionId={p.actionId}
                  count={p.count}
                  requestedById={p.requestedById}
                  viewer={viewer}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <FilterForm className="panel filters" label="Filter actions">
        <label>
          Action
          <select name="kind" defaultValue={filter.kind ?? ''}>
            <option value="">Any</option>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filter.status}>
            <option value="all">Any</option>
            <option value="open">In progress (not final)</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target
          <input name="q" defaultValue={filter.q ?? ''} placeholder="Name or id" />
        </label>
        <label>
          Requested by
          <input name="requester" defaultValue={filter.requester ?? ''} placeholder="Email or policy" />
        </label>
        <div className="filter-actions">
          <button className="button button-primary" type="submit">
            Apply
          </button>{' '}
          <Link className="button" href="/actions">
            Reset
          </Link>
        </div>
      </FilterForm>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">
          {total.toLocaleString('en')} action{total === 1 ? '' : 's'}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">
            {total === 0 && filter.status === 'all' && !filter.kind && !filter.q && !filter.requester
              ? 'No platform action yet. They are requested on an agent’s or GPT’s page, or by a suspension.'
              : 'No action matches these filters.'}
          </p>
        ) : (
          <ActionsTable
            rows={rows.map(toTableRow)}
            paging={{ page: filter.page, pages }}
            sort={{ key: filter.sort, dir: sortDir(filter) }}
            exportHref={`/api/platform-actions/export?${exportQuery}`}
          />
        )}
      </section>
    </>
  );
}
