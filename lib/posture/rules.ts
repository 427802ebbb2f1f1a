// The automated rules (issue 7), pure: for each control Tollgate can check from its own records, the checks
// with the records that fail them. Departures covered by an approved exception in force count as met (the
// exception is the organisation's decision), and say so. A check over a fleet — agents, members, admins, apps,
// log types, checklist steps — carries the share of it that passes (issue 15): all-or-nothing, 18 and 31
// exposed agents scored the same, and the posture did not move with the risk.
import type { Check, EvidenceRecord, FindingFact, PostureFacts, Share } from './types.ts';

const DRILL_DAYS = 90;
const TARGET_MINUTES = 15;

/** passing ÷ total, bounded so that a count read a moment later than the total can never score below 0. */
const share = (passing: number, total: number, of: string): Share => ({
  passing: Math.max(0, Math.min(passing, total)),
  total,
  of,
});

/** A fleet the findings of a check are about: how many subjects there are, and the ratio in words. */
type Fleet = { total: number; of: string };

/**
 * A check from findings of these kinds: met while none is open; excepted ones are named in the detail. Over a
 * fleet, the share of its subjects (apps, members) with no open finding of these kinds.
 */
function fromFindings(f: PostureFacts, id: string, label: string, kinds: string[], ok: string, fleet?: Fleet): Check {
  const mine = f.findings.filter((x) => kinds.includes(x.kind) && x.status !== 'resolved');
  const open = mine.filter((x) => x.status === 'open');
  const excepted = mine.filter((x) => x.status === 'excepted');
  const records = (xs: FindingFact[]): EvidenceRecord[] =>
    xs.map((x) => ({ label: `${x.label}: ${x.message}`, href: x.href }));
  const failing = new Set(open.map((x) => x.label)).size;
  const fleetShare = fleet ? { share: share(fleet.total - failing, Math.max(fleet.total, failing), fleet.of) } : {};
  if (open.length)
    return {
      id,
      label,
      met: false,
      detail: `${open.length} open finding${open.length === 1 ? '' : 's'}.`,
      records: records(open),
      ...fleetShare,
    };
  return {
    id,
    label,
    met: true,
    detail: excepted.length
      ? `${ok} ${excepted.length} departure${excepted.length === 1 ? '' : 's'} covered by an exception in force.`
      : ok,
    records: records(excepted),
    ...fleetShare,
  };
}

const apps = (f: PostureFacts, of: string): Fleet => ({ total: f.fleets.apps, of });

const appControls = (f: PostureFacts): Check[] => [
  fromFindings(
    f,
    'no-allow-all',
    'No app with allow_all action control',
    ['allow-all'],
    'No app allows every action.',
    apps(f, 'apps not on allow_all ÷ apps in the observed action control'),
  ),
  fromFindings(
    f,
    'custom-under-exception',
    'custom action control only under an approved exception',
    ['action-custom'],
    'No custom action control without an exception.',
    apps(f, 'apps without an unexcepted custom action control ÷ apps in the observed action control'),
  ),
  fromFindings(
    f,
    'new-actions-denied',
    'New actions denied by default',
    ['new-actions-allow'],
    'Every app denies new actions until reviewed.',
    apps(f, 'apps denying new actions ÷ apps in the observed action control'),
  ),
];

const gpts = (f: PostureFacts, of: string): Fleet => ({ total: f.gpts?.total ?? 0, of });

/** Guide 3.1 from GPT data: third-party GPTs restricted by the policy; each GPT shared, owned, used, justified. */
const gptAccess = (f: PostureFacts): Check[] => {
  const mode = f.gpts?.thirdPartyGpts ?? 'none';
  const version = f.gpts?.policyVersion ?? 0;
  const policy = version > 0 ? `GPT policy version ${version}` : 'the default GPT policy (none saved yet)';
  return [
    {
      id: 'third-party-gpts-restricted',
      label: 'Third-party GPTs not allowed, or only approved ones',
      met: mode !== 'all',
      detail:
        mode === 'all'
          ? `Under ${policy} members may use any third-party GPT.`
          : `Under ${policy} third-party GPTs are ${mode === 'none' ? 'not allowed' : 'allowed only when approved'}.`,
      records: [{ label: 'Apps → GPT policy', href: '/apps/gpt-policy' }],
    },
    fromFindings(
      f,
      'gpts-shared-within-policy',
      'No GPT shared beyond the GPT policy',
      ['gpt-shared-beyond-policy'],
      'Every GPT is shared within the policy.',
      gpts(f, 'GPTs shared within the policy ÷ GPTs'),
    ),
    fromFindings(
      f,
      'gpts-owned',
      'Every GPT has an owner on the roster',
      ['gpt-no-owner', 'gpt-owner-not-on-roster'],
      'Every GPT has an owner on the roster.',
      gpts(f, 'GPTs with an owner on the roster ÷ GPTs'),
    ),
    fromFindings(
      f,
      'gpts-use-case',
      'Every GPT has a stated business use case',
      ['gpt-no-use-case'],
      'Every GPT has a stated business use case.',
      gpts(f, 'GPTs with a stated use case ÷ GPTs'),
    ),
    fromFindings(
      f,
      'gpts-in-use',
      'No GPT left unused for 90 days',
      ['gpt-unused'],
      'No GPT is unused for 90 days (where the logs can tell).',
      gpts(f, 'GPTs used within 90 days ÷ GPTs'),
    ),
  ];
};

/** Guide 3.2 from GPT data: what GPT actions reach and how, and the knowledge files they carry. */
const gptReach = (f: PostureFacts): Check[] => [
  fromFindings(
    f,
    'gpt-action-domains',
    'GPT actions call only allowed domains, over https',
    ['gpt-action-domain-not-allowed', 'gpt-action-plain-http'],
    'Every GPT action calls an allowed domain over https.',
    gpts(f, 'GPTs whose actions call allowed domains over https ÷ GPTs'),
  ),
  fromFindings(
    f,
    'gpt-action-auth',
    'GPT actions sign in to non-public APIs, with no static key left unreviewed',
    ['gpt-action-no-auth', 'gpt-action-static-key'],
    'Every GPT action to a non-public API signs in without an unreviewed static key.',
    gpts(f, 'GPTs whose actions sign in as required ÷ GPTs'),
  ),
  fromFindings(
    f,
    'gpt-knowledge-files',
    'GPT knowledge files classified, none sensitive with memory on',
    ['gpt-file-unclassified', 'gpt-memory-with-sensitive-file'],
    'Every knowledge file is classified and no GPT remembers alongside a sensitive one.',
    gpts(f, 'GPTs with classified files and no memory beside a sensitive one ÷ GPTs'),
  ),
];

export const AUTOMATED: Record<string, (f: PostureFacts) => Check[]> = {
  '1.3': (f) => [
    {
      id: 'scim-token',
      label: 'An active SCIM token provisions the roster',
      met: f.scim.activeTokens > 0,
      detail:
        f.scim.activeTokens > 0
          ? `${f.scim.activeTokens} active token${f.scim.activeTokens === 1 ? '' : 's'}.`
          : 'No active SCIM token: create one in Settings for the IdP.',
      records: [{ label: 'Settings → SCIM', href: '/settings' }],
    },
    {
      id: 'roster-from-scim',
      label: 'Every active member comes from SCIM',
      met: f.scim.activeMembers > 0 && f.scim.scimMembers === f.scim.activeMembers,
      detail:
        f.scim.activeMembers === 0
          ? 'The roster is empty.'
          : f.scim.scimMembers < f.scim.activeMembers
            ? `${f.scim.activeMembers - f.scim.scimMembers} of ${f.scim.activeMembers} ` +
              `active members were not provisioned by SCIM.`
            : `All ${f.scim.activeMembers} active members were provisioned by SCIM.`,
      records: f.scim.notFromScim.slice(0, 50),
      share: share(f.scim.scimMembers, f.scim.activeMembers, 'active members provisioned by SCIM ÷ active members'),
    },
  ],
  '1.4': (f) => [
    fromFindings(f, 'owners-limit', 'At most two workspace owners', ['owners-over-limit'], 'Two owners or fewer.'),
    fromFindings(
      f,
      'admins-attested',
      'Admins and owners re-attested within 90 days',
      ['attestation-overdue'],
      'Every admin and owner is re-attested.',
      { total: f.fleets.admins, of: 'admins and owners re-attested ÷ active admins and owners' },
    ),
  ],
  '3.1': gptAccess,
  '3.2': (f) => [...appControls(f), ...gptReach(f)],
  '6.2': appControls,
  '6.1': (f) => [
    fromFindings(
      f,
      'roles-at-baseline',
      'The three agent roles match the approved baseline',
      ['role-missing', 'role-not-in-baseline', 'role-bit-beyond-baseline', 'role-drift'],
      'Observed roles match the baseline.',
    ),
    fromFindings(
      f,
      'scim-mapped',
      'Every agent role is mapped to an IdP group',
      ['role-unmapped', 'unmapped-privileges'],
      'Every role is mapped to a group.',
    ),
    fromFindings(
      f,
      'no-direct-assignments',
      'No agent role assigned directly to a person',
      ['direct-assignment'],
      'Roles come through groups only.',
      { total: f.scim.activeMembers, of: 'active members with no directly assigned agent role ÷ active members' },
    ),
    fromFindings(
      f,
      'shared-connections',
      'publish_agents_with_shared_connections only under an exception',
      ['shared-connections'],
      'Nobody holds shared connections without an exception.',
      { total: f.scim.activeMembers, of: 'active members without unexcepted shared connections ÷ active members' },
    ),
  ],
  '6.3': (f) => {
    const { published, ungated } = f.agents;
    return [
      {
        id: 'published-gated',
        label: 'Every published agent gates every required approval category',
        met: ungated.count === 0,
        detail:
          published === 0
            ? 'No published agent.'
            : ungated.count
              ? `${ungated.count} of ${published} published agents act without a required human gate.`
              : `All ${published} published agents gate every required category.`,
        records: ungated.sample,
        share: share(
          published - ungated.count,
          published,
          'published agents gating every required category ÷ published agents',
        ),
      },
    ];
  },
  '6.4': (f) => {
    const { exposed, total } = f.agents;
    return [
      {
        id: 'no-exposed',
        label: 'No agent exposed to the lethal trifecta',
        met: exposed.count === 0,
        detail: exposed.count
          ? `${exposed.count} of ${total} agent${total === 1 ? '' : 's'} hold the trifecta unmitigated.`
          : 'No exposed agent.',
        records: exposed.sample,
        share: share(total - exposed.count, total, 'agents not exposed ÷ agents (every agent not deleted)'),
      },
      {
        id: 'first-use-detection',
        label: 'First-use detection of connector actions is enabled',
        met: f.firstUseRule,
        detail: f.firstUseRule
          ? 'The first-use rule runs on every ingested event.'
          : 'The first-use rule is missing from the rules.',
        records: [{ label: 'Detection rules', href: '/alerts/rules' }],
      },
    ];
  },
  '6.5': (f) => {
    const drill = f.lastDrill;
    const recent = drill !== null && f.now.getTime() - drill.at.getTime() < DRILL_DAYS * 86_400_000;
    const inTime = recent && drill!.minutes !== null && drill!.minutes < TARGET_MINUTES;
    return [
      {
        id: 'runbook',
        label: 'The suspension runbook is configured',
        met: f.runbook.configured,
        detail: f.runbook.configured
          ? 'Authority, triggers and notification list are set.'
          : `Missing: ${f.runbook.missing.join(', ')}.`,
        records: [{ label: 'Suspension runbook', href: '/reviews/runbook' }],
      },
      {
        id: 'drill',
        label: `A drill in the last ${DRILL_DAYS} days, within ${TARGET_MINUTES} minutes`,
        met: Boolean(inTime),
        detail: !drill
          ? 'No drill yet.'
          : !recent
            ? `The last drill was more than ${DRILL_DAYS} days ago.`
            : drill.minutes === null
              ? 'The last drill was never confirmed in the console.'
              : `The last drill took ${drill.minutes} minutes.`,
        records: drill ? [{ label: 'Last drill', href: drill.href }] : [],
      },
    ];
  },
  '6.6': (f) => {
    const notLive = f.logs.types.filter((t) => t.status !== 'live');
    return [
      {
        id: 'logs-live',
        label: 'Every log type live (read within 30 minutes)',
        met: f.logs.configured && f.logs.types.length > 0 && notLive.length === 0,
        detail: !f.logs.configured
          ? 'No Compliance API puller configured.'
          : notLive.length
            ? `${notLive.map((t) => t.logType).join(', ')} not read within 30 minutes.`
            : `All ${f.logs.types.length} log types are live.`,
        records: [{ label: 'Log sources', href: '/alerts/sources' }],
        ...(f.logs.configured
          ? {
              share: share(
                f.logs.types.length - notLive.length,
                f.logs.types.length,
                'log types read within 30 minutes ÷ log types pulled',
              ),
            }
          : {}),
      },
    ];
  },
  '6.7': (f) => {
    const notSigned = f.checklist.filter((s) => s.status !== 'signed');
    const { published, unapproved } = f.agents;
    return [
      {
        id: 'workspace-checklist',
        label: 'Every pre-launch checklist step signed within 90 days',
        met: notSigned.length === 0,
        detail: notSigned.length
          ? `${notSigned.map((s) => `step ${s.step} ${s.status}`).join(', ')}.`
          : 'All six steps signed.',
        records: [{ label: 'Pre-launch checklist', href: '/reviews/checklist' }],
        share: share(
          f.checklist.length - notSigned.length,
          f.checklist.length,
          'checklist steps signed within 90 days ÷ checklist steps',
        ),
      },
      {
        id: 'published-reviewed',
        label: 'Every published agent approved with its checklist',
        met: unapproved.count === 0,
        detail:
          published === 0
            ? 'No published agent.'
            : unapproved.count
              ? `${unapproved.count} of ${published} published agents have no approval of their current configuration.`
              : `All ${published} published agents are in the register.`,
        records: unapproved.sample,
        share: share(
          published - unapproved.count,
          published,
          'published agents approved at their current configuration ÷ published agents',
        ),
      },
    ];
  },
};
