import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { STATUS_LABELS, type ActionStatus } from '@/lib/platform/kinds.ts';
import { latestDecisions, loadResponsePolicy, responsePolicyHistory } from '@/lib/platform/policies/queries.ts';
import {
  HOURLY_LIMIT,
  isPolicyRule,
  MODE_LABELS,
  POLICY_RULES,
  RULE_LABELS,
  RULE_MODES,
  RULE_SHORT,
  RULE_WHEN,
} from '@/lib/platform/policies/rules.ts';
import { hasActKey } from '@/lib/platform/queries.ts';
import { DecisionsTable } from './_components/decisions-table.tsx';
import { PolicyEditor } from './_components/policy-editor.tsx';
import { VersionsTable } from './_components/versions-table.tsx';
import './response-policies.css';

export const metadata: Metadata = { title: 'Response policies' };

const WHAT =
  'Rules that ask the platform to unpublish an agent or isolate a GPT by themselves, after each log pull and GPT ' +
  `read. Each is off until an admin turns it on or to a dry run, which records what it would have done. A rule acts ` +
  `at most once per agent or GPT and configuration, and at most ${HOURLY_LIMIT} times an hour; beyond that the rest ` +
  'wait, as one batch, for a person to approve them. An uploaded log file never triggers a rule.';

const DECISION_MODES: Record<string, string> = { dry_run: 'Dry run', acted: 'Requested', held: 'Held for approval' };
const ruleLabel = (key: string) => (isPolicyRule(key) ? RULE_SHORT[key] : key);

export default async function ResponsePoliciesPage() {
  const { actor, db, workspace: current } = await workspacePage('platform:read');
  if (!current)
    return (
      <PageHeader title="Response policies" description="No workspace yet. An administrator adds one in Settings." />
    );
  const editable = can(actor.roles, 'settings:write');
  const [policy, history, decisions, actKey] = await Promise.all([
    loadResponsePolicy(db, current.id),
    responsePolicyHistory(db, current.id),
    latestDecisions(db, current.id),
    hasActKey(db, current.id),
  ]);
  const anyOn = POLICY_RULES.some((r) => policy.rules[r] === 'on');

  return (
    <>
      <PageHeader
        title="Response policies"
        description={WHAT}
        actions={
          <Link className="button" href="/actions">
            Actions
          </Link>
        }
      />
      {anyOn && !actKey && (
        <div className="alert alert-warning" role="note">
          <strong>No act key:</strong> a rule that is on only records what it would do (as a dry run) until an admin
          adds an act key in <Link href="/alerts/sources">Alerts → Sources</Link>; then it acts on what it recorded.
        </div>
      )}
      <section className="panel" aria-labelledby="policy-in-force">
        <h2 id="policy-in-force">
          {policy.version === 0
            ? 'In force: every rule off (no version saved yet)'
            : `In force: version ${policy.version}, saved by ${policy.createdBy} ${formatUtc(policy.createdAt!)}`}
        </h2>
        <dl className="facts">
          {POLICY_RULES.map((r) => (
            <Fragment key={r}>
              <dt>{RULE_LABELS[r]}</dt>
              <dd>
                <strong>{MODE_LABELS[policy.rules[r]]}</strong> — {RULE_WHEN[r]}
              </dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {editable && (
        <section className="panel" aria-labelledby="policy-edit">
          <h2 id="policy-edit">Change the policy</h2>
          <PolicyEditor
            workspaceId={current.id}
            rules={POLICY_RULES.map((r) => ({
              key: r,
              label: RULE_LABELS[r],
              when: RULE_WHEN[r],
              mode: policy.rules[r],
            }))}
            modes={RULE_MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="policy-decisions">
        <h2 id="policy-decisions">Latest decisions</h2>
        {decisions.length === 0 ? (
          <p>No rule has decided anything yet.</p>
        ) : (
          <DecisionsTable
            rows={decisions.map((d) => ({
              id: d.id,
              decidedAt: formatUtc(d.decidedAt),
              rule: ruleLabel(d.rule),
              mode: DECISION_MODES[d.mode] ?? d.mode,
              target: d.label && d.label !== d.targetId ? `${d.label} (${d.targetId})` : d.targetId,
              config: `${d.configHash.slice(0, 12)}…`,
              detail: d.detail,
              actionId: d.actionId,
              actionStatus: d.actionStatus ? (STATUS_LABELS[d.actionStatus as ActionStatus] ?? d.actionStatus) : '—',
            }))}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="policy-history">
        <h2 id="policy-history">Versions</h2>
        {history.length === 0 ? (
          <p>No version saved yet.</p>
        ) : (
          <VersionsTable
            rules={POLICY_RULES.map((r) => ({ key: r, label: RULE_SHORT[r] }))}
            rows={history.map((v) => ({
              version: v.version,
              savedAt: formatUtc(v.createdAt!),
              savedBy: v.createdBy ?? '',
              note: v.note ?? '',
              modes: POLICY_RULES.map((r) => ({ rule: r, mode: MODE_LABELS[v.rules[r]] })),
            }))}
          />
        )}
      </section>
    </>
  );
}
