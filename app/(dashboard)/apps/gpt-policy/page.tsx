import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { THIRD_PARTY_MODES, type ThirdPartyMode } from '@/lib/gpts/policy.ts';
import { gptPolicyHistory, loadGptPolicy } from '@/lib/gpts/policy-queries.ts';
import { GPT_VISIBILITIES, GPT_VISIBILITY_LABELS } from '@/lib/gpts/types.ts';
import { GptPolicyEditor } from './_components/gpt-policy-editor.tsx';
import { GptPolicyHistory } from './_components/gpt-policy-history.tsx';

export const metadata: Metadata = { title: 'GPT policy' };

const DESCRIPTION = [
  'The workspace’s own GPT settings as Tollgate records them, since no API reads them (guide 3.1):',
  'which domains GPT actions may call, how widely a GPT may be shared, and which third-party GPTs members may use.',
  'GPT findings and the review gate judge every GPT against the version in force.',
].join(' ');

const THIRD_PARTY_LABELS: Record<ThirdPartyMode, string> = {
  none: 'Not allowed',
  approved_only: 'Only the approved ones',
  all: 'All allowed',
};

const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

export default async function GptPolicyPage() {
  const { actor: user, db, workspace: current } = await workspacePage('apps:read');
  if (!current)
    return <PageHeader title="GPT policy" description="No workspace yet. An administrator adds one in Settings." />;
  const editable = can(user.roles, 'apps:write');
  const [policy, history] = await Promise.all([loadGptPolicy(db, current.id), gptPolicyHistory(db, current.id)]);
  const thirdParty = (mode: ThirdPartyMode, ids: string[]) =>
    mode === 'approved_only' ? `${THIRD_PARTY_LABELS[mode]}: ${list(ids)}` : THIRD_PARTY_LABELS[mode];

  return (
    <>
      <PageHeader
        title="GPT policy"
        description={DESCRIPTION}
        actions={
          <a className="button" href="/apps">
            Apps
          </a>
        }
      />
      <section className="panel" aria-labelledby="gpt-policy-in-force">
        <h2 id="gpt-policy-in-force">
          {policy.source === 'default'
            ? 'In force: the default (no version saved yet)'
            : `In force: version ${policy.version}, saved by ${policy.createdBy} ${formatUtc(policy.createdAt!)}`}
        </h2>
        {policy.source === 'default' && (
          <p>
            Until an administrator saves a policy, Tollgate applies the platform’s own defaults: no action domain is
            allowed (so every GPT action is a finding), sharing up to the workspace directory, and no third-party GPT.
          </p>
        )}
        <dl className="facts">
          <dt>Allowed action domains</dt>
          <dd>{list(policy.allowedActionDomains)}</dd>
          <dt>Broadest sharing allowed</dt>
          <dd>{GPT_VISIBILITY_LABELS[policy.maxVisibility]}</dd>
          <dt>Third-party GPTs</dt>
          <dd>{thirdParty(policy.thirdPartyGpts, policy.approvedThirdPartyGpts)}</dd>
          <dt>Public API domains</dt>
          <dd>{list(policy.publicApiDomains)}</dd>
        </dl>
      </section>
      {editable && (
        <section className="panel" aria-labelledby="gpt-policy-edit">
          <h2 id="gpt-policy-edit">Change the policy</h2>
          <GptPolicyEditor
            workspaceId={current.id}
            allowedActionDomains={policy.allowedActionDomains}
            maxVisibility={policy.maxVisibility}
            thirdPartyGpts={policy.thirdPartyGpts}
            approvedThirdPartyGpts={policy.approvedThirdPartyGpts}
            publicApiDomains={policy.publicApiDomains}
            visibilities={GPT_VISIBILITIES.map((v) => ({ value: v, label: GPT_VISIBILITY_LABELS[v] }))}
            thirdPartyModes={THIRD_PARTY_MODES.map((m) => ({ value: m, label: THIRD_PARTY_LABELS[m] }))}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="gpt-policy-history">
        <h2 id="gpt-policy-history">History</h2>
        {history.length === 0 ? (
          <p>No version saved yet.</p>
        ) : (
          <GptPolicyHistory
            rows={history.map((v) => ({
              version: v.version,
              savedAt: formatUtc(v.createdAt),
              savedBy: v.createdBy,
              note: v.note ?? '',
              domains: list(v.allowedActionDomains),
              sharing: GPT_VISIBILITY_LABELS[v.maxVisibility],
              thirdParty: thirdParty(v.thirdPartyGpts, v.approvedThirdPartyGpts),
              publicApis: list(v.publicApiDomains),
            }))}
          />
        )}
      </section>
    </>
  );
}
