import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { GUIDE_POLICY, loadPolicy } from '@/lib/reviews/policy.ts';
import { gateOf, policyDepartures } from '@/lib/reviews/policy-pack.ts';
import { ReviewsNav } from '@/app/(dashboard)/reviews/_components/reviews-nav.tsx';
import { PolicyEditor } from './_components/policy-editor.tsx';
import { PolicyImport } from './_components/policy-import.tsx';
import { PolicyTable, type PolicyRow } from './_components/policy-table.tsx';

export const metadata: Metadata = { title: 'Approval policy' };

const DESCRIPTION = [
  'Which agent actions need a human approval before they run, and which are only logged (guide 6.3).',
  'Builders set the gates inside each agent; reviewers check them against this policy when an agent is published.',
].join(' ');

const IMPORT_HELP = [
  'The guide’s pack as shipped, or one exported here. Every category must say "human_required" and',
  'every logged action "logged"; errors name their line and column.',
].join(' ');

export default async function ApprovalPolicyPage() {
  const { actor: user, db, workspace: current } = await workspacePage('reviews:read');
  if (!current)
    return (
      <PageHeader title="Approval policy" description="No workspace yet. An administrator adds one in Settings." />
    );
  const editable = can(user.roles, 'reviews:decide');

  const [policy, catalogue] = await Promise.all([loadPolicy(db, current.id), currentCatalogue(db, current.id)]);
  const actionsIn = new Map<string, string[]>();
  for (const app of catalogue.apps) {
    for (const action of app.actions) {
      if (action.approvalCategory)
        actionsIn.set(action.approvalCategory, [
          ...(actionsIn.get(action.approvalCategory) ?? []),
          `${app.name}: ${action.name}`,
        ]);
    }
  }
  const departures = policyDepartures(policy);
  const weaker = departures.filter((d) => d.direction === 'weaker');
  const names = [
    ...new Set([
      ...GUIDE_POLICY.required,
      ...policy.required,
      ...GUIDE_POLICY.logged,
      ...policy.logged,
      ...actionsIn.keys(),
    ]),
  ];
  const rows: PolicyRow[] = names.map((name) => ({
    name,
    gate: gateOf(policy, name),
    guide: gateOf(GUIDE_POLICY, name),
    actions: actionsIn.get(name) ?? [],
    departure: departures.find((d) => d.name === name) ?? null,
  }));
  // Checkboxes: every category that is or could be gated (a logged action moves to required by ticking it).
  const categories = names
    .filter((name) => gateOf(policy, name) !== 'logged' || GUIDE_POLICY.required.includes(name))
    .map((name) => ({ name, guide: GUIDE_POLICY.required.includes(name), actions: actionsIn.get(name) ?? [] }));

  return (
    <>
      <PageHeader
        title="Approval policy"
        description={DESCRIPTION}
        actions={
          <a className="button" href={`/api/packs/approval-policy?ws=${encodeURIComponent(current.id)}`} download>
            Export (6.03 pack)
          </a>
        }
      />
      <ReviewsNav current="/reviews/policy" />
      <section className="panel" aria-labelledby="policy-title">
        <div className="section-head">
          <h2 id="policy-title">Policy — {current.name}</h2>
          {weaker.length > 0 ? (
            <span className="state state-exposed">Weaker than the guide ({weaker.length})</span>
          ) : departures.length > 0 ? (
            <span className="state state-mitigated">Stricter than the guide</span>
          ) : (
            <span className="state state-mitigated">Matches the guide</span>
          )}
        </div>
        <p className="small muted">
          {policy.source === 'guide'
            ? 'The guide’s policy: not edited yet.'
            : `Last changed ${formatUtc(policy.updatedAt)} by ${policy.updatedBy}.`}{' '}
          Catalogue actions: the approval category of each action in the workspace’s app catalogue (
          {catalogue.version > 0 ? `version ${catalogue.version}` : `the built-in ${catalogue.profile} profile`}).
        </p>
        <PolicyTable rows={rows} />
      </section>
      {departures.length > 0 && (
        <section className="panel" aria-labelledby="departures-title">
          <h2 id="departures-title">Departures from the guide ({departures.length})</h2>
          <ul className="plain-list small">
            {departures.map((d) => (
              <li key={d.name}>
                <span className={`state ${d.direction === 'weaker' ? 'state-exposed' : 'state-mitigated'}`}>
                  {d.direction}
                </span>{' '}
                <code>{d.message}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {editable && (
        <>
          <section className="panel" aria-labelledby="edit-title">
            <h2 id="edit-title">Edit the policy</h2>
            <PolicyEditor
              workspaceId={current.id}
              categories={categories}
              required={policy.required}
              logged={policy.logged}
            />
          </section>
          <section className="panel" aria-labelledby="import-title">
            <h2 id="import-title">Import a 6.03 approval policy pack</h2>
            <p className="small muted">{IMPORT_HELP}</p>
            <PolicyImport workspaceId={current.id} />
          </section>
        </>
      )}
    </>
  );
}
