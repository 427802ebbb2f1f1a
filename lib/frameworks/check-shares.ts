// Each of Tollgate's checks that are not guide controls as a share of its population that passes (pure): the
// figures come from the posture facts, counted in SQL, never per agent.
import { GPT_FINDING_KINDS } from '@/lib/gpts/findings.ts';
import { CAMPAIGN_CHECKS, PLATFORM_ACTION_CHECKS } from './checks.ts';
import type { CheckShare } from './score.ts';

export type CheckCounts = {
  /** Open findings (not excepted, not resolved): their kind and subject (the GPT). */
  openFindings: { kind: string; subjectId: string }[];
  /** Listed custom GPTs, and agents and GPTs not deleted. */
  gpts: number;
  agents: number;
  /** Per shipped rule id: the distinct agents with an open or acknowledged alert of it. */
  alertedAgents: ReadonlyMap<string, number>;
  ruleIds: string[];
  campaign: { items: number; decided: number; changes: number };
  platform: { settled: number; confirmed: number };
};

const of = (checks: { id: string; of: string }[], id: string) => checks.find((c) => c.id === id)!.of;

export function checkShares(c: CheckCounts): Record<string, CheckShare> {
  const out: Record<string, CheckShare> = {};
  for (const kind of GPT_FINDING_KINDS) {
    const failing = new Set(c.openFindings.filter((f) => f.kind === kind).map((f) => f.subjectId)).size;
    const total = Math.max(c.gpts, failing);
    out[`finding:${kind}`] = { passing: total - failing, total, of: 'GPTs without it ÷ GPTs' };
  }
  for (const rule of c.ruleIds) {
    const failing = c.alertedAgents.get(rule) ?? 0;
    const total = Math.max(c.agents, failing);
    out[`rule:${rule}`] = { passing: total - failing, total, of: 'agents with no open alert of it ÷ agents' };
  }
  const undone = c.openFindings.filter((f) => f.kind === 'campaign-revoke' || f.kind === 'campaign-reassign').length;
  const changes = Math.max(c.campaign.changes, undone);
  out['campaign:decided'] = {
    passing: c.campaign.decided,
    total: c.campaign.items,
    of: of(CAMPAIGN_CHECKS, 'campaign:decided'),
  };
  out['campaign:changes-done'] = {
    passing: changes - undone,
    total: changes,
    of: of(CAMPAIGN_CHECKS, 'campaign:changes-done'),
  };
  out['platform-action:confirmed'] = {
    passing: c.platform.confirmed,
    total: c.platform.settled,
    of: of(PLATFORM_ACTION_CHECKS, 'platform-action:confirmed'),
  };
  return out;
}
