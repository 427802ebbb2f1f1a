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
import { listSuspensions, recentDrills, STATE_LABELS, suspensionState } from '@/lib/suspensions/queries.ts';
import {
  DRILL_WINDOW_DAYS,
  drillStatus,
  getRunbookSettings,
  GUIDE_DEFAULTS,
  runbookSections,
  runbookText,
} from '@/lib/suspensions/runbook.ts';
import { formatDuration, suspensionTimings, TARGET_MINUTES, VERDICT_LABELS } from '@/lib/suspensions/timings.ts';
import { KindLabel, SuspensionStateBadge, VerdictBadge } from '@/app/(dashboard)/suspensions/_components/badges.tsx';
import { SuspensionClock } from '@/app/(dashboard)/suspensions/_components/suspension-clock.tsx';
import '@/app/(dashboard)/suspensions/suspensions.css';
import { ReviewsNav } from '@/app/(dashboard)/reviews/_components/reviews-nav.tsx';
import { SuspensionsTable, type SuspensionRow } from './_components/suspensions-table.tsx';

export const metadata: Metadata = { title: 'Suspension runbook' };

const DESCRIPTION = [
  'Guide 6.5: who may suspend an agent, what triggers it, the evidence captured first, who is notified,',
  'the admin-console steps, and the quarterly drill against a 15-minute target.',
].join(' ');

const NO_DRILL_AGENT = [
  'No drill test agent is set:',
  'an admin chooses one under “Drill test agent” in the runbook settings below.',
].join(' ');

type Listed = Awaited<ReturnType<typeof listSuspensions>>[number];

function suspensionRow(s: Listed, now: Date): SuspensionRow {
  const t = suspensionTimings(s, now);
  const state = suspensionState(s);
  const running = t.verdict === 'running';
  return {
    id: s.id,
    triggered: s.triggeredAt ? formatUtc(s.triggeredAt) : `scheduled ${formatUtc(s.scheduledFor)}`,
    agentName: s.agentName,
    externalId: s.externalId,
    kind: s.kind,
    kindBadge: <KindLabel kind={s.kind} />,
    triggeredBy: s.triggeredBy,
    state: <SuspensionStateBadge state={state} />,
    stateText: STATE_LABELS[state],
    // Unconfirmed: the ticking clock, which turns red itself at 15 minutes; a server-side "running" would not.
    total: running ? (
      <SuspensionClock
        compact
        triggeredAt={s.triggeredAt?.toISOString() ?? null}
        evidenceAt={s.evidenceAt?.toISOString() ?? null}
        confirmedAt={null}
        serverNow={now.toISOString()}
        viaPlatform={Boolean(s.platformActionId)}
      />
    ) : (
      formatDuration(t.totalMs ?? t.elapsedMs)
    ),
    totalText: running ? 'running' : formatDuration(t.totalMs ?? t.elapsedMs),
    verdict: running ? null : <VerdictBadge verdict={t.verdict} />,
    verdictText: running ? '' : VERDICT_LABELS[t.verdict],
    restoreWorked: s.restoreWorked,
  };
}

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
      <PageHeader title="Suspension runbook" description={DESCRIPTION} />
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
            <p className="muted">{NO_DRILL_AGENT}</p>
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
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of text that may repeat; never reordered
                  <li key={i}>{item}</li>
                ))}
              </ol>
            ) : (
              <ul>
                {sec.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of text that may repeat; never reordered
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
          <SuspensionsTable rows={suspensions.map((x) => suspensionRow(x, now))} />
        )}
      </section>
    </>
  );
}
