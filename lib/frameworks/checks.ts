// Tollgate's checks that are not controls of the guide, which framework items may name as evidence: each GPT
// finding kind, each shipped detection rule, the access-review campaigns and the platform actions. Pure. Each
// scores the share of its population that passes it (lib/frameworks/score.ts; facts in lib/posture/facts.ts).
import { GPT_FINDING_KINDS } from '@/lib/gpts/findings.ts';
import { KIND_LABELS } from '@/lib/findings/labels.ts';

export type CheckDef = { id: string; title: string; of: string };

/** What a campaign and a platform action check measure. */
export const CAMPAIGN_CHECKS: CheckDef[] = [
  {
    id: 'campaign:decided',
    title: 'Access-review items decided',
    of: 'items decided ÷ items of started campaigns',
  },
  {
    id: 'campaign:changes-done',
    title: 'Access-review revocations and reassignments carried out',
    of: 'revocations and reassignments seen done ÷ decided',
  },
];
export const PLATFORM_ACTION_CHECKS: CheckDef[] = [
  {
    id: 'platform-action:confirmed',
    title: 'Platform actions confirmed in the logs',
    of: 'actions confirmed ÷ actions the platform answered',
  },
];

/** Every check, given the shipped rules' ids and titles (lib/detections/builtin.ts). */
export function tollgateChecks(rules: { id: string; title: string }[]): CheckDef[] {
  return [
    ...GPT_FINDING_KINDS.map((k) => ({ id: `finding:${k}`, title: KIND_LABELS[k], of: 'GPTs without it ÷ GPTs' })),
    ...rules.map((r) => ({ id: `rule:${r.id}`, title: r.title, of: 'agents with no open alert of it ÷ agents' })),
    ...CAMPAIGN_CHECKS,
    ...PLATFORM_ACTION_CHECKS,
  ];
}
