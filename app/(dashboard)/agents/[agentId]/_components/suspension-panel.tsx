// Suspension (guide 6.5) on the agent's page: its open suspension and state, or the Suspend form (agents:suspend).
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { pageAccess } from '@/lib/auth/page-guard.ts';
import { formatUtc } from '@/lib/format.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { suspendAgentAction } from '@/lib/suspensions/actions.ts';
import { agentSuspensions, suspensionState } from '@/lib/suspensions/queries.ts';
import { suspensionTimings } from '@/lib/suspensions/timings.ts';
import { SuspensionStateBadge, VerdictBadge } from '@/app/(dashboard)/suspensions/_components/badges.tsx';
import { SuspensionClock } from '@/app/(dashboard)/suspensions/_components/suspension-clock.tsx';
import '@/app/(dashboard)/suspensions/suspensions.css';

type Props = { db: PageContext['db']; workspaceId: string; agentId: string };

export async function SuspensionPanel({ db, workspaceId, agentId }: Props) {
  const { allowed: maySuspend } = await pageAccess('agents:suspend');
  const found = await agentSuspensions(db, workspaceId, agentId);
  if (!found) return null;
  const { agent, open, scheduled, past } = found;
  const now = new Date();

  return (
    <section className="panel" aria-labelledby="suspension-title">
      <h2 id="suspension-title">Suspension</h2>
      {open ? (
        <>
          <p>
            <SuspensionStateBadge state={suspensionState(open)} />{' '}
            {open.kind === 'drill' ? 'Drill: suspended' : 'Suspended'} in Tollgate by {open.triggeredBy} at{' '}
            {formatUtc(open.triggeredAt)}. Reason: {open.reason}
          </p>
          <p className="small">
            {open.confirmedAt ? (
              <>
                {open.platformActionId ? 'Confirmed by the Compliance Logs' : 'Confirmed in the admin console'} (
                {open.confirmedBy}) at {formatUtc(open.confirmedAt)}.{' '}
              </>
            ) : open.platformActionId ? (
              <>Sent to the platform through the Admin API; not yet seen in the Compliance Logs. </>
            ) : (
              <>Not yet confirmed in the admin console. </>
            )}
            {/* While unconfirmed only the ticking clock: a "running" badge from the server would stay put
                past 15 minutes. */}
            Timing:{' '}
            {open.confirmedAt && (
              <>
                <VerdictBadge verdict={suspensionTimings(open, now).verdict} />{' '}
              </>
            )}
            <SuspensionClock
              compact
              triggeredAt={open.triggeredAt?.toISOString() ?? null}
              evidenceAt={open.evidenceAt?.toISOString() ?? null}
              confirmedAt={open.confirmedAt?.toISOString() ?? null}
              serverNow={now.toISOString()}
              viaPlatform={Boolean(open.platformActionId)}
            />
          </p>
          <p>
            <Link href={`/suspensions/${encodeURIComponent(open.id)}`}>Open the suspension</Link> for the evidence, the
            console steps, the confirmation and the restore.
          </p>
        </>
      ) : agent.status === 'deleted' ? (
        <p className="muted">The agent is deleted: there is nothing to suspend.</p>
      ) : agent.status === 'suspended' ? (
        <p className="muted">
          Suspended in ChatGPT (its status from the inventory or the Compliance Logs); not through Tollgate.
        </p>
      ) : maySuspend ? (
        <>
          <p className="small muted">
            Tollgate captures the evidence first (owner, apps, connectors, last runs, configuration), notifies the
            runbook’s list, then unpublishes it through the Admin API when an act key is stored (Alerts → Sources) and
            the Compliance Logs confirm it; without one it shows the admin-console steps and you confirm here.{' '}
            <Link href="/reviews/runbook">The runbook</Link>.
          </p>
          <ActionForm action={suspendAgentAction} className="inline-form" label="Suspend this agent">
            <input type="hidden" name="workspaceId" value={workspaceId} />
            <input type="hidden" name="agentId" value={agent.id} />
            <label>
              Reason (required)
              <textarea
                name="reason"
                rows={2}
                cols={60}
                maxLength={2000}
                required
                placeholder="The triggering signal and the incident ticket"
              />
            </label>
            <button className="button button-danger" type="submit">
              Suspend
            </button>
          </ActionForm>
        </>
      ) : (
        <p className="muted">
          Not suspended. Suspending needs the agents:suspend permission (reviewer, admin or incident commander).
        </p>
      )}
      {scheduled && (
        <p className="small">
          A drill of this agent is scheduled for {formatUtc(scheduled.scheduledFor)}:{' '}
          <Link href={`/suspensions/${encodeURIComponent(scheduled.id)}`}>open it</Link>.
        </p>
      )}
      {past.length > 0 && (
        <p className="small muted">
          Earlier:{' '}
          {past.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ', '}
              <Link href={`/suspensions/${encodeURIComponent(p.id)}`}>
                {p.kind} {formatUtc(p.triggeredAt)}
              </Link>
            </span>
          ))}{' '}
          (restored).
        </p>
      )}
    </section>
  );
}
