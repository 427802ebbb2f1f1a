// The suspension's containment through the Admin API (issue 18): what was sent, the platform's answer, and the
// log event that shows the change — or where it stands while it is pending.
import Link from 'next/link';
import { formatUtc } from '@/lib/format.ts';
import { KIND_LABELS, type ActionKind, STATUS_LABELS, type ActionStatus } from '@/lib/platform/kinds.ts';
import type { SuspensionDetail } from '@/lib/suspensions/queries.ts';

type Action = NonNullable<SuspensionDetail['platform']>;

export function PlatformContainment({ action }: { action: Action }) {
  const status = action.status as ActionStatus;
  const answered = action.answeredAt !== null;
  const kind = KIND_LABELS[action.kind as ActionKind];
  return (
    <section className="panel" aria-labelledby="platform-title">
      <h2 id="platform-title">Contained through the Admin API</h2>
      <p>
        {kind}: <strong data-testid="platform-status">{STATUS_LABELS[status]}</strong>{' '}
        <Link className="small" href={`/actions/${encodeURIComponent(action.id)}`}>
          the action’s record
        </Link>
      </p>
      <dl className="facts facts-narrow">
        <dt>Platform answered</dt>
        <dd>
          {answered ? (
            <>
              HTTP {action.answerStatus} at {formatUtc(action.answeredAt)}
              {action.outcome === 'already_gone' && <div className="small muted">{action.note}</div>}
            </>
          ) : status === 'failed' ? (
            <span>{action.note ?? 'failed'}</span>
          ) : (
            <span className="muted">
              not yet ({action._count.attempts} attempt{action._count.attempts === 1 ? '' : 's'}
              {action.nextAttemptAt ? `, next at ${formatUtc(action.nextAttemptAt)}` : ''})
            </span>
          )}
        </dd>
        <dt>Seen in the logs</dt>
        <dd>
          {action.confirmedAt ? (
            <>
              event <span className="mono">{action.confirmedEventId}</span> at {formatUtc(action.confirmedAt)}
            </>
          ) : (
            <span className="muted">
              {status === 'not_seen'
                ? 'not seen after several pulls: an alert is open'
                : 'not yet: the next pulls of the Compliance Logs confirm it'}
            </span>
          )}
        </dd>
      </dl>
      {status === 'failed' && (
        <p className="small">The platform did not carry it out: suspend it in the admin console (steps below).</p>
      )}
    </section>
  );
}
