import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { alertCountsByRule } from '@/lib/alerts/queries.ts';

export const metadata: Metadata = { title: 'Detection rules' };

const CHECKS: Record<string, string> = {
  first_use:
    'first call of this key in the look-back window ' +
    '(silent while the workspace’s history is younger than the quiet period)',
  connector_granted:
    'a connector added to the agent’s configuration, or resolved by OAuth outside it; raised to the stated level ' +
    'when the agent newly holds the trifecta since its reviewed configuration',
  actor_not_reviewer:
    'the actor is not a reviewer (a member of a group mapped to a role the approved baseline lets publish)',
  write_action_by_trifecta:
    'the action is a write in the app catalogue and the agent holds the trifecta at that moment',
  agent_has_write_actions: 'the agent’s connectors allow at least one write action',
};

export default async function RulesPage() {
  const { db, workspace: current } = await workspacePage('alerts:read');
  const rules = builtinRules();
  const counts = current ? await alertCountsByRule(db, current.id) : [];
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/alerts">Alerts</Link> / Rules
      </p>
      <PageHeader
        title="Detection rules"
        description={
          'Sigma 2.0 rules over the Compliance Logs (rules/*.yml): the selection is plain Sigma a SIEM can run; ' +
          'the tollgate block names the stateful check Tollgate adds.'
        }
      />
      <p>
        <a className="button" href="/api/rules" download>
          Export all rules (Sigma YAML)
        </a>
      </p>
      {rules.map((r) => {
        const check = String(r.tollgate?.check ?? '');
        const raised = counts.find((c) => c.ruleId === r.id)?._count._all ?? 0;
        return (
          <section className="panel" key={r.id} aria-labelledby={`rule-${r.id}`}>
            <h2 id={`rule-${r.id}`}>
              {r.title}{' '}
              <span className={`severity severity-${r.level === 'informational' ? 'low' : r.level}`}>{r.level}</span>
            </h2>
            <p className="small">{r.description}</p>
            <dl className="facts">
              <dt>Id</dt>
              <dd>
                <code>{r.id}</code> (Sigma id <code>{r.sigmaId}</code>)
              </dd>
              <dt>Stateful check</dt>
              <dd>
                {check ? (
                  <>
                    <code>{check}</code> — {CHECKS[check] ?? 'custom'}
                  </>
                ) : (
                  'none (plain Sigma)'
                )}
              </dd>
              <dt>Alerts raised</dt>
              <dd>
                {raised > 0 ? <Link href={`/alerts?rule=${encodeURIComponent(r.id)}&status=all`}>{raised}</Link> : 0}
                {current ? ` in ${current.name}` : ''}
              </dd>
            </dl>
            <details>
              <summary>YAML</summary>
              <pre className="json small">{r.yaml}</pre>
            </details>
          </section>
        );
      })}
    </>
  );
}
