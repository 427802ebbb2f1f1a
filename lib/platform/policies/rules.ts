// Response policies (issue 18 item 5, docs/decisions/0026 "Response policies"), pure: which rules exist, what each
// may request, how a saved version is read back, and what one evaluation decides for the workspace's candidates.
// At most once per (rule, target, configuration hash); at most 50 actions an hour per rule, the rest held for a
// person's approval; a dry-run rule only records what it would have done. The database and the platform stay out.
import { isForbiddenKey } from '@/lib/http/safe-json.ts';

export const POLICY_RULES = ['published_unapproved', 'gpt_shared_beyond_policy', 'trifecta_after_approval'] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export const RULE_MODES = ['off', 'dry_run', 'on'] as const;
export type RuleMode = (typeof RULE_MODES)[number];
export type PolicyRules = Record<PolicyRule, RuleMode>;

/** Every rule is off until an admin turns it on (or to dry run). */
export const DEFAULT_RULES: PolicyRules = {
  published_unapproved: 'off',
  gpt_shared_beyond_policy: 'off',
  trifecta_after_approval: 'off',
};

/** A policy may request only these two kinds: both can be undone in the admin console. */
export type PolicyKind = 'unpublish_agent' | 'isolate_gpt';
export const RULE_KINDS: Record<PolicyRule, PolicyKind> = {
  published_unapproved: 'unpublish_agent',
  gpt_shared_beyond_policy: 'isolate_gpt',
  trifecta_after_approval: 'unpublish_agent',
};

export const RULE_LABELS: Record<PolicyRule, string> = {
  published_unapproved: 'Published without approval → unpublish',
  gpt_shared_beyond_policy: 'GPT shared beyond policy → isolate',
  trifecta_after_approval: 'Agent becomes a trifecta after approval → unpublish',
};

/** Short names, for table headers. */
export const RULE_SHORT: Record<PolicyRule, string> = {
  published_unapproved: 'Published unapproved',
  gpt_shared_beyond_policy: 'GPT shared beyond policy',
  trifecta_after_approval: 'Trifecta after approval',
};

/** When each rule applies: only data the puller or the GPT reader brought from the platform counts. */
export const RULE_WHEN: Record<PolicyRule, string> = {
  published_unapproved:
    'A workspace agent that the Compliance Logs pulled from the platform show published at a configuration ' +
    'no publish review approved (the test of the alert “published without an approval”).',
  gpt_shared_beyond_policy:
    'A custom GPT that the API read shows shared more widely than the GPT policy allows (an open finding ' +
    'no exception covers).',
  trifecta_after_approval:
    'A published workspace agent whose current configuration is an exposed trifecta, while the approved ' +
    'configuration the pulled logs show before it was not a trifecta.',
};

export const MODE_LABELS: Record<RuleMode, string> = { off: 'Off', dry_run: 'Dry run', on: 'On' };

/** Actions a rule may request in any hour; beyond that they wait for a person. */
export const HOURLY_LIMIT = 50;
export const HOUR_MS = 3_600_000;

/** dry_run: recorded what it would do · acted: requested at once · held: over the hourly limit, awaits approval. */
export type DecisionMode = 'dry_run' | 'acted' | 'held';

export const isPolicyRule = (v: unknown): v is PolicyRule =>
  typeof v === 'string' && (POLICY_RULES as readonly string[]).includes(v);

/** Reads a stored or submitted rule set: unknown rules, bad modes and prototype keys are refused, missing ones off. */
export function parsePolicyRules(input: unknown): { ok: true; rules: PolicyRules } | { ok: false; problems: string[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, problems: ['The rules must be an object'] };
  const problems: string[] = [];
  const rules: PolicyRules = { ...DEFAULT_RULES };
  for (const [key, value] of Object.entries(input)) {
    if (isForbiddenKey(key)) problems.push(`The key ${key} is not allowed`);
    else if (!isPolicyRule(key)) problems.push(`Unknown rule ${key.slice(0, 60)}`);
    else if (typeof value !== 'string' || !(RULE_MODES as readonly string[]).includes(value))
      problems.push(`The rule ${key} must be one of ${RULE_MODES.join(', ')}`);
    else rules[key] = value as RuleMode;
  }
  return problems.length ? { ok: false, problems } : { ok: true, rules };
}

/** A target a rule applies to right now, from data the platform itself gave (queries.ts says how). */
export type Candidate = {
  rule: PolicyRule;
  /** The platform's agent or GPT id. */
  targetId: string;
  /** The Agent row, when Tollgate has one. */
  agentId: string | null;
  configHash: string;
  label: string;
  why: string;
};

export type PastDecision = {
  rule: string;
  targetId: string;
  configHash: string;
  mode: string;
  decidedAt: Date;
};

export type Planned = Omit<Candidate, 'why'> & {
  kind: PolicyKind;
  mode: DecisionMode;
  detail: string;
  /** A dry-run decision of this (rule, target, configuration) is now acted on: its row is updated. */
  replacesDryRun: boolean;
};

const key = (rule: string, targetId: string, configHash: string) => `${rule}\u0000${targetId}\u0000${configHash}`;
export const busyKey = (kind: string, targetId: string) => `${kind}\u0000${targetId}`;

const VERB: Record<PolicyKind, string> = { unpublish_agent: 'unpublish', isolate_gpt: 'isolate' };

/**
 * What one evaluation decides. A rule `on` acts on each (target, configuration) once: the first up to 50 in the
 * last hour are requested, the rest held for a person. A dry-run rule records each once what it would do; its
 * record is superseded once the rule is turned on. `busy` names (kind, target) pairs with an open action already
 * (someone, or another rule, is on it): skipped until it is settled.
 */
export function planDecisions(input: {
  rules: PolicyRules;
  candidates: readonly Candidate[];
  decisions: readonly PastDecision[];
  busy?: ReadonlySet<string>;
  now: Date;
}): Planned[] {
  const since = input.now.getTime() - HOUR_MS;
  const past = new Map(input.decisions.map((d) => [key(d.rule, d.targetId, d.configHash), d.mode]));
  const busy = new Set(input.busy ?? []);
  const out: Planned[] = [];
  for (const rule of POLICY_RULES) {
    const mode = input.rules[rule];
    if (mode !== 'on' && mode !== 'dry_run') continue;
    const kind = RULE_KINDS[rule];
    const counted = mode === 'on' ? 'acted' : 'dry_run';
    let used = input.decisions.filter(
      (d) => d.rule === rule && d.mode === counted && d.decidedAt.getTime() > since,
    ).length;
    const seen = new Set<string>();
    const mine = input.candidates
      .filter((c) => c.rule === rule)
      .sort((a, b) => cmp(a.targetId, b.targetId) || cmp(a.configHash, b.configHash));
    for (const c of mine) {
      const k = key(rule, c.targetId, c.configHash);
      if (seen.has(k) || busy.has(busyKey(kind, c.targetId))) continue;
      seen.add(k);
      const before = past.get(k);
      // Once acted or held, never again; once dry-run, never again while the rule stays in dry run.
      if (before !== undefined && (before !== 'dry_run' || mode === 'dry_run')) continue;
      const within = used < HOURLY_LIMIT;
      if (within) used++;
      const decided: DecisionMode = mode === 'dry_run' ? 'dry_run' : within ? 'acted' : 'held';
      const over = within
        ? ''
        : ` (over ${HOURLY_LIMIT} an hour: ${mode === 'on' ? 'waits' : 'would wait'} for a person)`;
      const verb =
        decided === 'dry_run' ? `would ${VERB[kind]}` : decided === 'acted' ? VERB[kind] : `asks to ${VERB[kind]}`;
      out.push({
        rule,
        targetId: c.targetId,
        agentId: c.agentId,
        configHash: c.configHash,
        label: c.label,
        kind,
        mode: decided,
        detail: `${c.why}: ${verb}${over}.`,
        replacesDryRun: before === 'dry_run',
      });
      if (decided !== 'dry_run') busy.add(busyKey(kind, c.targetId));
    }
  }
  return out;
}

function cmp(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}
