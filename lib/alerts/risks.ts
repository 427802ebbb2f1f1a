// The risks an alert names: its rule's OWASP / ATLAS Sigma tags (decision 0041), read once from the shipped rules.
// An alert no shipped rule raised (a platform action not seen in the logs) names none.
import { builtinRules } from '@/lib/detections/builtin.ts';
import { type RiskTag, riskById, ruleRisks, rulesWithRisk } from '@/lib/frameworks/risk-tags.ts';

const RULES = builtinRules().map((r) => ({ id: r.id, tags: r.tags }));
const BY_RULE = new Map(RULES.map((r) => [r.id, ruleRisks(r.tags)]));

export const alertRisks = (ruleId: string): RiskTag[] => BY_RULE.get(ruleId) ?? [];

/** The rule ids whose alerts name the risk; null for an id no catalogue holds (the filter is then ignored). */
export const rulesNamingRisk = (riskId: string): string[] | null =>
  riskById(riskId) ? rulesWithRisk(RULES, riskId) : null;
