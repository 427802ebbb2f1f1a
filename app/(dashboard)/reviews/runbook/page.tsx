import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { agentRef, liveAgentRefs } from '@/lib/agents/queries.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { runDrillAction, saveRunbookAction, scheduleDrillAction } from '@/lib/suspensions/actions.ts';
import { listSuspensions, recentDrills, suspensionState } from '@/lib/suspensions/queries.ts';
import {
  DRILL_WINDOW_DAYS,
  drillStatus,
  getRunbookSettings,
  GUIDE_DEFAULTS,
  runbookSections,
  runbookText,
} from '@/lib/suspensions/runbook.ts';
import { formatDuration, suspensionTimings, TARGET_MINUTES } from '@/lib/suspensions/timings.ts';
import { KindLabel, SuspensionStateBadge, VerdictBadge } from '@/app/(dashboard)/suspensions/_components/badges.tsx';
import { SuspensionClock } from '@/app/(dashboard)/suspensions/_components/suspension-clock.tsx';
import '@/app/(dashboard)/suspensions/suspensions.css';
import { ReviewsNav } from '@/app/(dashboard)/reviews/_components/reviews-nav.tsx';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export const metadata: Metadata = { title: 'Suspension runbook' };

export default async function RunbookPage() {
  const { actor: user, db, workspace: current } = await workspacePage('agents:read');
  if (!current) notFound();
  const now = new Date();
  const mayEdit = can(user.roles, 'settings:write');
  const maySuspend = can(user.roles, 'agents:suspend');

  const [settings, suspensions, drillRows] = await Promise.all([
    getRunbookSettings(db, current.id),
    listSuspensions(db, current.id),
    recentDrills(db, current.id),
  ]);
  const drillAgent = settings?.drillAgentId ? await agentRef(db, current.id, settings.drillAgentId) : null;
  const agents = mayEdit ? await liveAgentRefs(db, current.id) : [];
  const drills = drillStatus(drillRows, now);
  const sections = runbookSections(settings, drillAgent);
  const ws = <input type="hidden" name="workspaceId" value={current.id} />;

  return (
    <>
      <PageHeader
        title="Suspension runbook"
        description="Guide 6.5: who may suspend an agent, what triggers it, the evidence captured first, who is notified, the admin-console steps, and the quarterly drill against a 15-minute target."
      />
      <ReviewsNav current="/reviews/runbook" />

      <section className="panel" aria-labelledby="drill-status-title">
        <h2 id="drill-status-title">Drill status</h2>
        <dl className="facts facts-narrow">
          <dt>Drill in the last {DRILL_WINDOW_DAYS} days</dt>
          <dd>
            {drills.inWindow ? (
              <span className="state state-mitigated">yes</span>
            ) : (
              <span className="state state-exposed">no</span>
            )}{' '}
            <span className="small muted">since {formatUtc(drills.since)}</span>
          </dd>
          <dt>Last drill</dt>
          <dd>
            {drills.last ? (
              <>
                <Link href={`/suspensions/${encodeURIComponent(drills.last.id)}`}>
                  {formatUtc(drills.last.triggeredAt)}
                </Link>{' '}
                of {drills.last.agentName}, by {drills.last.triggeredBy}
              </>
            ) : (
              <span className="muted">none yet</span>
            )}
          </dd>
          <dt>Met {TARGET_MINUTES} minutes</dt>
          <dd>
            {drills.timings ? (
              <>
                <VerdictBadge verdict={drills.timings.verdict} />{' '}
                {formatDuration(drills.timings.totalMs ?? drills.timings.elapsedMs)}
              </>
            ) : (
              '—'
            )}
          </dd>
          {drills.last && (
            <>
              <dt>Restore worked</dt>
              <dd>
                {drills.last.restoreWorked === null ? (
                  <span className="muted">not restored yet</span>
                ) : drills.last.restoreWorked ? (
                  'yes'
                ) : (
                  'no'
                )}
              </dd>
            </>
          )}
          <dt>Next scheduled</dt>
          <dd>
            {drills.nextScheduled ? (
              <Link href={`/suspensions/${encodeURIComponent(drills.nextScheduled.id)}`}>
                {formatUtc(drills.nextScheduled.scheduledFor)}
              </Link>
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
        </dl>
        {maySuspend &&
          (drillAgent ? (
            <>
              <ActionForm action={scheduleDrillAction} className="inline-form" label="Schedule a drill">
                {ws}
                <label>
                  Date and time (UTC)
                  <input type="datetime-local" name="at" required />
                </label>
                <button className="button" type="submit">
                  Schedule a drill
                </button>
              </ActionForm>
              <ActionForm action={runDrillAction} className="inline-form" label="Run a drill now">
                {ws}
                <span className="small">
                  Test agent:{' '}
                  <Link href={`/agents/${encodeURIComponent(drillAgent.externalId)}`}>{drillAgent.name}</Link> (
                  {drillAgent.status})
                </span>
                <button className="button button-danger" type="submit">
                  Run a drill now
                </button>
              </ActionForm>
            </>
          ) : (
            <p className="muted">
              No drill test agent is set: an admin chooses one under “Drill test agent” in the runbook settings below.
            </p>
          ))}
      </section>

      <section className="panel" aria-labelledby="runbook-title">
        <h2 id="runbook-title">Runbook</h2>
        {settings ? (
          <p className="small muted">
            Last updated {formatUtc(settings.updatedAt)} by {settings.updatedBy}.
          </p>
        ) : (
          <p className="alert alert-warning" role="status">
            Not written yet: an admin fills in the settings below (the guide asks for it before the first incident).
          </p>
        )}
        {sections.map((sec) => (
          <div key={sec.id}>
            <h3>{sec.title}</h3>
            {sec.id === 'console' || sec.id === 'restore' ? (
              <ol>
                {sec.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ol>
            ) : (
              <ul>
                {sec.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
        <details>
          <summary className="small">As plain text</summary>
          <textarea
            readOnly
            rows={16}
            cols={100}
            value={runbookText(settings, drillAgent)}
            aria-label="The runbook as plain text"
          />
        </details>
      </section>

      {mayEdit && (
        <section className="panel" aria-labelledby="settings-title">
          <h2 id="settings-title">Runbook settings</h2>
          <ActionForm action={saveRunbookAction} className="inline-form" label="Runbook settings">
            {ws}
            <label>
              Suspension authority (required)
              <textarea
                name="authority"
                rows={2}
                cols={60}
                maxLength={500}
                required
                defaultValue={settings?.authority ?? GUIDE_DEFAULTS.authority}
              />
            </label>
            <label>
              Triggering signals (one per line, at least one)
              <textarea
                name="triggers"
                rows={4}
                cols={60}
                required
                defaultValue={(settings?.triggers ?? GUIDE_DEFAULTS.triggers).join('\n')}
              />
            </label>
            <label>
              Agents-admin channel
              <input
                name="agentsAdminChannel"
                placeholder="#agents-admin"
                defaultValue={settings?.agentsAdminChannel ?? ''}
              />
            </label>
            <label>
              GRC on-call (e-mail or #channel)
              <input name="grcOnCall" defaultValue={settings?.grcOnCall ?? ''} />
            </label>
            <label>
              Security incident commander (e-mail or #channel)
              <input name="incidentCommander" defaultValue={settings?.incidentCommander ?? ''} />
            </label>
            <label>
              Drill test agent (non-production)
              <select name="drillAgentId" defaultValue={settings?.drillAgentId ?? ''}>
                <option value="">None</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.externalId}, {a.status})
                  </option>
                ))}
              </select>
            </label>
            <button className="button button-primary" type="submit">
              Save the runbook
            </button>
          </ActionForm>
        </section>
      )}

      <section className="panel" aria-labelledby="recent-title">
        <h2 id="recent-title">Suspensions and drills</h2>
        {suspensions.length === 0 ? (
          <p className="muted">None yet. Suspend an agent from its page; drills from above.</p>
        ) : (
          <ScrollRegion label="Suspensions and drills">
            <table className="table">
              <thead>
                <tr>
                  <th>Triggered (UTC)</th>
                  <th>Agent</th>
                  <th>Kind</th>
                  <th>By</th>
                  <th>State</th>
                  <th className="num">Total</th>
                  <th>{TARGET_MINUTES} min</th>
                  <th>Restore worked</th>
                </tr>
              </thead>
              <tbody>
                {suspensions.map((s) => {
                  const t = suspensionTimings(s, now);
                  return (
                    <tr key={s.id}>
                      <td className="nowrap">
                        <Link href={`/suspensions/${encodeURIComponent(s.id)}`}>
                          {s.triggeredAt ? formatUtc(s.triggeredAt) : `scheduled ${formatUtc(s.scheduledFor)}`}
                        </Link>
                      </td>
                      <td>
                        {s.agentName} <span className="small muted mono">{s.externalId}</span>
                      </td>
                      <td>
                        <KindLabel kind={s.kind} />
                      </td>
                      <td>{s.triggeredBy}</td>
                      <td>
                        <SuspensionStateBadge state={suspensionState(s)} />
                      </td>
                      {/* Unconfirmed: the ticking clock, which turns red itself at 15 minutes; a server-side "running" would not. */}
                      <td className="num">
                        {t.verdict === 'running' ? (
                          <SuspensionClock
                            compact
                            triggeredAt={s.triggeredAt?.toISOString() ?? null}
                            evidenceAt={s.evidenceAt?.toISOString() ?? null}
                            confirmedAt={null}
                            serverNow={now.toISOString()}
                          />
                        ) : (
                          formatDuration(t.totalMs ?? t.elapsedMs)
                        )}
                      </td>
                      <td>
                        {t.verdict === 'running' ? (
                          <span className="muted">—</span>
                        ) : (
                          <VerdictBadge verdict={t.verdict} />
                        )}
                      </td>
                      <td>
                        {s.kind !== 'drill' ? (
                          '—'
                        ) : s.restoreWorked === null ? (
                          <span className="muted">—</span>
                        ) : s.restoreWorked ? (
                          'yes'
                        ) : (
                          'no'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
