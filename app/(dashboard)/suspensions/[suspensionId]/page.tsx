import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { confirmSuspendedAction, restoreAgentAction, runDrillAction } from '@/lib/suspensions/actions.ts';
import { getSuspension, suspensionState } from '@/lib/suspensions/queries.ts';
import { consoleSteps, restoreSteps } from '@/lib/suspensions/runbook.ts';
import { suspensionTimings } from '@/lib/suspensions/timings.ts';
import { KindLabel, SuspensionStateBadge } from '@/app/(dashboard)/suspensions/_components/badges.tsx';
import { EvidenceView } from '@/app/(dashboard)/suspensions/_components/evidence-view.tsx';
import { PlatformContainment } from '@/app/(dashboard)/suspensions/_components/platform-containment.tsx';
import { SuspensionClock } from '@/app/(dashboard)/suspensions/_components/suspension-clock.tsx';
import { TimingsTable } from '@/app/(dashboard)/suspensions/_components/timings-table.tsx';
import { TimingsTotal } from '@/app/(dashboard)/suspensions/_components/timings-total.tsx';
import '@/app/(dashboard)/suspensions/suspensions.css';

export const metadata: Metadata = { title: 'Suspension' };

export default async function SuspensionPage({ params }: { params: Promise<{ suspensionId: string }> }) {
  const { actor: user, db, workspace: current } = await workspacePage('agents:read');
  if (!current) notFound();
  const s = await getSuspension(db, current.id, decodeURIComponent((await params).suspensionId));
  if (!s) notFound();

  const now = new Date();
  const state = suspensionState(s);
  const maySuspend = can(user.roles, 'agents:suspend');
  const name = s.agent?.name ?? s.externalId;
  const hidden = (
    <>
      <input type="hidden" name="workspaceId" value={current.id} />
      <input type="hidden" name="suspensionId" value={s.id} />
    </>
  );
  const mayStart = !s.scheduledFor || now.getTime() >= s.scheduledFor.getTime();
  const timings = suspensionTimings(s, now);
  const agentLink = s.agent ? (
    <Link href={`/agents/${encodeURIComponent(s.agent.externalId)}`}>{s.agent.name}</Link>
  ) : (
    name
  );

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/reviews/runbook">Suspension runbook</Link> / {s.kind === 'drill' ? 'drill' : 'suspension'} of{' '}
        {name}
      </p>
      <PageHeader
        title={`${s.kind === 'drill' ? 'Drill: suspension' : 'Suspension'} of ${name}`}
        description={s.reason}
        actions={
          <div className="suspension-header-actions">
            <SuspensionStateBadge state={state} />
            <SuspensionClock
              triggeredAt={s.triggeredAt?.toISOString() ?? null}
              evidenceAt={s.evidenceAt?.toISOString() ?? null}
              confirmedAt={s.confirmedAt?.toISOString() ?? null}
              serverNow={now.toISOString()}
              viaPlatform={Boolean(s.platformActionId)}
            />
          </div>
        }
      />

      {/* Record and Timings one above the other: side by side, the timings table lost its "Took" column at 1440 px. */}
      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">Record</h2>
        <dl className="facts facts-narrow">
          <dt>Agent</dt>
          <dd>
            {agentLink} <span className="mono">{s.externalId}</span>
            {s.agent && <div className="small muted">status in Tollgate now: {s.agent.status}</div>}
          </dd>
          <dt>Kind</dt>
          <dd>
            <KindLabel kind={s.kind} />
          </dd>
          <dt>Reason</dt>
          <dd>{s.reason}</dd>
          {s.scheduledFor && (
            <>
              <dt>Scheduled for</dt>
              <dd>{formatUtc(s.scheduledFor)}</dd>
            </>
          )}
          <dt>{s.triggeredAt ? 'Triggered' : 'Scheduled by'}</dt>
          <dd>
            {s.triggeredBy}
            {s.triggeredAt && <div className="small muted">{formatUtc(s.triggeredAt)}</div>}
          </dd>
          <dt>Evidence</dt>
          <dd>{formatUtc(s.evidenceAt)}</dd>
          <dt>Notified</dt>
          <dd>{formatUtc(s.notifiedAt)}</dd>
          <dt>Confirmed</dt>
          <dd>
            {s.confirmedAt ? (
              <>
                {s.confirmedBy}
                <div className="small muted">{formatUtc(s.confirmedAt)}</div>
              </>
            ) : (
              <span className="muted">not yet</span>
            )}
          </dd>
          <dt>Restored</dt>
          <dd>
            {s.restoredAt ? (
              <>
                {s.restoredBy}
                <div className="small muted">{formatUtc(s.restoredAt)}</div>
                <div className="small">{s.restoreReason}</div>
              </>
            ) : (
              <span className="muted">not yet</span>
            )}
            {s.kind === 'drill' && s.restoreWorked !== null && (
              <div className="small">
                Restore worked: <strong>{s.restoreWorked ? 'yes' : 'no'}</strong>
              </div>
            )}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="timings-title">
        <h2 id="timings-title">Timings</h2>
        <TimingsTable steps={timings.steps} total={<TimingsTotal timings={timings} />} />
      </section>

      {state === 'scheduled' && (
        <section className="panel" aria-labelledby="start-title">
          <h2 id="start-title">Start the drill</h2>
          <p>
            Scheduled for {formatUtc(s.scheduledFor)} by {s.triggeredBy}. Starting it captures the evidence, marks the
            test agent suspended, notifies, and starts the clock.
          </p>
          {!maySuspend ? (
            <p className="muted">Starting a drill needs the agents:suspend permission.</p>
          ) : !mayStart ? (
            <p className="muted">It can be started from {formatUtc(s.scheduledFor)}.</p>
          ) : (
            <ActionForm action={runDrillAction} className="inline-form" label="Start the drill">
              {hidden}
              <button className="button button-danger" type="submit">
                Start the drill now
              </button>
            </ActionForm>
          )}
        </section>
      )}

      {s.platform && <PlatformContainment action={s.platform} />}

      {state !== 'scheduled' && (!s.platform || s.platform.status === 'failed') && (
        <section className="panel" aria-labelledby="console-title">
          <h2 id="console-title">Suspend it in the admin console</h2>
          <ol>
            {consoleSteps(s.externalId).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {state === 'awaiting_confirmation' &&
            (maySuspend ? (
              <ActionForm action={confirmSuspendedAction} className="inline-form" label="Confirm suspended in console">
                {hidden}
                <button className="button button-primary" type="submit">
                  Confirm suspended in console
                </button>
              </ActionForm>
            ) : (
              <p className="muted">Confirming needs the agents:suspend permission.</p>
            ))}
          {s.confirmedAt && (
            <p className="small">
              Confirmed suspended in the console by {s.confirmedBy} at {formatUtc(s.confirmedAt)}.
            </p>
          )}
        </section>
      )}

      {state !== 'scheduled' && (
        <section className="panel" aria-labelledby="notified-title">
          <h2 id="notified-title">Notified</h2>
          {s.notified ? (
            <ul>
              {s.notified.map((r) => (
                <li key={r.role}>
                  {r.label}: {r.to ?? <span className="muted">not set in the runbook</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No notification recorded.</p>
          )}
          <p className="small">
            In-app:{' '}
            {s.alert ? <Link href={`/alerts/${encodeURIComponent(s.alert.id)}`}>{s.alert.title}</Link> : 'no alert'}
            {s.alert && <span className="muted"> ({s.alert.status})</span>}. Webhook:{' '}
            {s.delivery ? (
              <>
                {s.delivery.status}
                {s.delivery.sentAt && ` at ${formatUtc(s.delivery.sentAt)}`}
                {s.delivery.lastError && <span className="muted"> — last error: {s.delivery.lastError}</span>}
              </>
            ) : (
              <span className="muted">nothing queued (no webhook enabled for high alerts)</span>
            )}
            .
          </p>
        </section>
      )}

      {s.evidence && (
        <section className="panel" aria-labelledby="evidence-title">
          <h2 id="evidence-title">Evidence</h2>
          <EvidenceView evidence={s.evidence} />
        </section>
      )}

      {state !== 'scheduled' && (
        <section className="panel" aria-labelledby="restore-title">
          <h2 id="restore-title">Restore</h2>
          {s.restoredAt ? (
            <p>
              Restored by {s.restoredBy} at {formatUtc(s.restoredAt)}: {s.restoreReason}
            </p>
          ) : (
            <>
              {s.platform && (
                <p className="small">
                  Re-publishing is a console step: the Admin API has no publish route, so Tollgate cannot undo the
                  unpublish itself.
                </p>
              )}
              <ol>
                {restoreSteps(s.externalId).map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
              <p className="small muted">
                Restoring puts back the status the agent had before: {s.evidence?.data.snapshot.status ?? 'unknown'}.
              </p>
              {maySuspend ? (
                <ActionForm action={restoreAgentAction} className="inline-form" label="Restore the agent">
                  {hidden}
                  <label>
                    Reason (required)
                    <textarea name="reason" rows={2} cols={60} maxLength={2000} required />
                  </label>
                  {s.kind === 'drill' && (
                    <fieldset>
                      <legend className="small">Restore worked? (the agent ran again as before)</legend>
                      <label className="check">
                        <input type="radio" name="restoreWorked" value="yes" required /> Yes
                      </label>
                      <label className="check">
                        <input type="radio" name="restoreWorked" value="no" /> No
                      </label>
                    </fieldset>
                  )}
                  <button className="button" type="submit">
                    Restore
                  </button>
                </ActionForm>
              ) : (
                <p className="muted">Restoring needs the agents:suspend permission.</p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
