import { RiskSelect } from '@/components/ui/risk-select.tsx';
import { alertRisks } from '@/lib/alerts/risks.ts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { alertQuery, ALERT_STATUSES, parseAlertFilter, SEVERITIES } from '@/lib/alerts/filter.ts';
import { ALERT_PAGE_SIZE, alertRules, listAlerts, openAlertCounts, webhookStatus } from '@/lib/alerts/queries.ts';
import { can } from '@/lib/auth/permissions.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { AlertsTable } from './_components/alerts-table.tsx';
import { DeliveriesTable } from './_components/deliveries-table.tsx';
import { WebhookForm } from './_components/webhook-form.tsx';
import { formatUtc } from '@/lib/format.ts';

export const metadata: Metadata = { title: 'Alerts' };

const KEPT = 'Each alert keeps the events that fired it and is never raised twice for the same events.';

const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  false_positive: 'False positive',
  active: 'Open or acknowledged',
  all: 'All',
};

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor: user, db, workspace: current } = await workspacePage('alerts:read');
  if (!current)
    return <PageHeader title="Alerts" description="No workspace yet. An administrator adds one in Settings." />;
  const filter = parseAlertFilter(await searchParams);
  const [{ rows, total }, counts, rules] = await Promise.all([
    listAlerts(db, current.id, filter),
    openAlertCounts(db, current.id),
    alertRules(db, current.id),
  ]);
  const pages = Math.max(1, Math.ceil(total / ALERT_PAGE_SIZE));
  const [hook, deliveries] = await webhookStatus(db, current.id);
  return (
    <>
      <PageHeader
        title="Alerts"
        description={`Detections raised from the Compliance Logs of ${current.name}. ${KEPT}`}
      />
      <p>
        <Link href="/alerts/sources">Log sources, files and freshness →</Link> ·{' '}
        <Link href="/alerts/rules">Detection rules →</Link> ·{' '}
        <Link href="/alerts/response-policies">Response policies →</Link>
      </p>
      <section className="panel" aria-labelledby="open-title">
        <h2 id="open-title">Open by severity</h2>
        <ul className="state-counts">
          {SEVERITIES.map((s) => (
            <li key={s}>
              <Link href={`/alerts${alertQuery(filter, { severity: s, status: 'active' })}`}>
                <strong className={`severity severity-${s}`}>{counts[s]}</strong> {s}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {/* Keyed by the filter: a chip or link to another filter of this page remounts the form, so its fields
          (uncontrolled, defaultValue) show the new filter instead of keeping the last one. */}
      <FilterForm key={alertQuery(filter)} className="panel alert-filters" label="Filter alerts">
        <label>
          Severity
          <select name="severity" defaultValue={filter.severity ?? ''}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filter.status}>
            {(['active', ...ALERT_STATUSES, 'all'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule
          <select name="rule" defaultValue={filter.rule ?? ''}>
            <option value="">Any</option>
            {rules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <RiskSelect id="alert-risk" value={filter.risk} inline />
        <label>
          Agent id
          <input name="agent" defaultValue={filter.agent ?? ''} />
        </label>
        <label>
          Assignee
          <input name="assignee" type="email" defaultValue={filter.assignee ?? ''} />
        </label>
        <div className="filter-actions">
          <button className="button button-primary" type="submit">
            Apply
          </button>{' '}
          <Link className="button" href="/alerts">
            Reset
          </Link>
        </div>
      </FilterForm>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">
          {total.toLocaleString('en-US')} alert{total === 1 ? '' : 's'}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">No alert matches. Alerts appear as Compliance Logs arrive (Sources).</p>
        ) : (
          <AlertsTable
            rows={rows.map((a) => ({
              id: a.id,
              at: formatUtc(a.at),
              severity: a.severity,
              title: a.title,
              message: a.message,
              agentId: a.agentId,
              agentHref: a.agentId ? `/alerts${alertQuery(filter, { agent: a.agentId })}` : null,
              status: STATUS_LABEL[a.status] ?? a.status,
              assignee: a.assignee,
              events: a.eventIds.length,
              risks: alertRisks(a.ruleId),
            }))}
            paging={{ page: filter.page, pages }}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="notify-title">
        <h2 id="notify-title">Notifications</h2>
        {hook ? (
          <p>
            New alerts at or above <strong>{hook.minSeverity}</strong> go to <code>{hook.urlHost}</code>
            {hook.enabled ? '' : ' (paused)'}. Failed sends are retried with back-off for about four hours.
          </p>
        ) : (
          <p className="muted">No webhook yet: alerts are only shown here.</p>
        )}
        <p className="small">
          This is one webhook subscription; signed JSON events for other receivers and every delivery log are in{' '}
          <Link href="/settings/webhooks">Settings → Webhooks</Link>.
        </p>
        {deliveries.length > 0 && (
          <DeliveriesTable
            rows={deliveries.map((d) => ({
              id: d.id,
              alertId: d.event.subjectId,
              status: d.status,
              attempts: d.attempts,
              when: d.sentAt ? formatUtc(d.sentAt) : d.status === 'pending' ? formatUtc(d.nextAttemptAt) : '—',
              lastError: d.lastError ?? '',
            }))}
          />
        )}
        {can(user.roles, 'settings:write') && (
          <WebhookForm
            workspaceId={current.id}
            host={hook?.urlHost ?? null}
            minSeverity={hook?.minSeverity ?? 'high'}
            enabled={hook?.enabled ?? true}
          />
        )}
      </section>
    </>
  );
}
