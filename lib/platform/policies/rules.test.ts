// The response-policy rules without a database: at most once per (rule, target, configuration), at most 50 acted
// an hour per rule with the rest held, only unpublish and isolate, a dry run that becomes an action once turned on,
// and a rule set read back strictly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  busyKey,
  type Candidate,
  DEFAULT_RULES,
  HOUR_MS,
  HOURLY_LIMIT,
  type PastDecision,
  parsePolicyRules,
  planDecisions,
  POLICY_RULES,
  type PolicyRule,
  type PolicyRules,
  RULE_MODES,
} from './rules.ts';

const t0 = new Date('2026-12-06T09:00:00.000Z');
const candidate = (rule: PolicyRule, targetId: string, configHash = 'h1'): Candidate => ({
  rule,
  targetId,
  agentId: null,
  configHash,
  label: targetId,
  why: 'Published without approval',
});
const many = (rule: PolicyRule, n: number) =>
  Array.from({ length: n }, (_, i) => candidate(rule, `t-${String(i).padStart(3, '0')}`));
const only = (rule: PolicyRule, mode: 'on' | 'dry_run'): PolicyRules => ({ ...DEFAULT_RULES, [rule]: mode });

/** Records what a plan decided, as the service does (a dry run turned into an action replaces its row). */
function record(decisions: PastDecision[], planned: ReturnType<typeof planDecisions>, now: Date): PastDecision[] {
  const byKey = new Map(decisions.map((d) => [`${d.rule}|${d.targetId}|${d.configHash}`, d]));
  for (const p of planned)
    byKey.set(`${p.rule}|${p.targetId}|${p.configHash}`, {
      rule: p.rule,
      targetId: p.targetId,
      configHash: p.configHash,
      mode: p.mode,
      decidedAt: now,
    });
  return [...byKey.values()];
}

describe('planDecisions', () => {
  it('acts on 50 of 60 candidates and holds the other 10 for a person', () => {
    const planned = planDecisions({
      rules: only('published_unapproved', 'on'),
      candidates: many('published_unapproved', 60),
      decisions: [],
      now: t0,
    });
    expect(planned.filter((p) => p.mode === 'acted')).toHaveLength(HOURLY_LIMIT);
    expect(planned.filter((p) => p.mode === 'held')).toHaveLength(60 - HOURLY_LIMIT);
    expect(planned.every((p) => p.kind === 'unpublish_agent')).toBe(true);
    expect(planned.find((p) => p.mode === 'held')?.detail).toMatch(/waits for a person/);
  });

  it('counts what it acted on in the last hour: the rest of the hour holds, the next hour acts again', () => {
    const first = planDecisions({
      rules: only('gpt_shared_beyond_policy', 'on'),
      candidates: many('gpt_shared_beyond_policy', 40),
      decisions: [],
      now: t0,
    });
    let decisions = record([], first, t0);
    const later = new Date(t0.getTime() + 30 * 60_000);
    const fresh = Array.from({ length: 20 }, (_, i) => candidate('gpt_shared_beyond_policy', `new-${i}`));
    const second = planDecisions({
      rules: only('gpt_shared_beyond_policy', 'on'),
      candidates: [...many('gpt_shared_beyond_policy', 40), ...fresh],
      decisions,
      now: later,
    });
    expect(second.map((p) => p.mode).sort()).toEqual([...Array(10).fill('acted'), ...Array(10).fill('held')].sort());
    decisions = record(decisions, second, later);
    const nextHour = new Date(t0.getTime() + HOUR_MS + 1);
    const third = planDecisions({
      rules: only('gpt_shared_beyond_policy', 'on'),
      candidates: [candidate('gpt_shared_beyond_policy', 'newest')],
      decisions,
      now: nextHour,
    });
    expect(third.map((p) => [p.targetId, p.mode])).toEqual([['newest', 'acted']]);
  });

  it('acts again for the same target only when its configuration changed', () => {
    const rules = only('trifecta_after_approval', 'on');
    const first = planDecisions({
      rules,
      candidates: [candidate('trifecta_after_approval', 'a')],
      decisions: [],
      now: t0,
    });
    const decisions = record([], first, t0);
    expect(
      planDecisions({ rules, candidates: [candidate('trifecta_after_approval', 'a')], decisions, now: t0 }),
    ).toEqual([]);
    const changed = planDecisions({
      rules,
      candidates: [candidate('trifecta_after_approval', 'a', 'h2')],
      decisions,
      now: t0,
    });
    expect(changed.map((p) => [p.configHash, p.mode])).toEqual([['h2', 'acted']]);
  });

  it('a dry run records once what it would do; turned on, the rule acts on it', () => {
    const candidates = [candidate('published_unapproved', 'a')];
    const dry = planDecisions({ rules: only('published_unapproved', 'dry_run'), candidates, decisions: [], now: t0 });
    expect(dry.map((p) => [p.mode, p.replacesDryRun, p.detail])).toEqual([
      ['dry_run', false, 'Published without approval: would unpublish.'],
    ]);
    const decisions = record([], dry, t0);
    expect(planDecisions({ rules: only('published_unapproved', 'dry_run'), candidates, decisions, now: t0 })).toEqual(
      [],
    );
    const on = planDecisions({ rules: only('published_unapproved', 'on'), candidates, decisions, now: t0 });
    expect(on.map((p) => [p.mode, p.replacesDryRun])).toEqual([['acted', true]]);
  });

  it('skips a target someone is already acting on, and two rules never both act on one agent in a run', () => {
    const rules: PolicyRules = { ...DEFAULT_RULES, published_unapproved: 'on', trifecta_after_approval: 'on' };
    const planned = planDecisions({
      rules,
      candidates: [
        candidate('published_unapproved', 'a'),
        candidate('trifecta_after_approval', 'a'),
        candidate('published_unapproved', 'b'),
      ],
      decisions: [],
      busy: new Set([busyKey('unpublish_agent', 'b')]),
      now: t0,
    });
    expect(planned.map((p) => [p.rule, p.targetId])).toEqual([['published_unapproved', 'a']]);
  });

  it('decides nothing for a rule that is off', () => {
    const candidates = POLICY_RULES.map((r) => candidate(r, 'x'));
    expect(planDecisions({ rules: DEFAULT_RULES, candidates, decisions: [], now: t0 })).toEqual([]);
  });
});

describe('planDecisions, properties', () => {
  const arbRules = fc.record(
    Object.fromEntries(POLICY_RULES.map((r) => [r, fc.constantFrom(...RULE_MODES, 'on')])) as Record<
      PolicyRule,
      fc.Arbitrary<(typeof RULE_MODES)[number]>
    >,
  );
  const arbCandidate = fc.record({
    rule: fc.constantFrom(...POLICY_RULES),
    targetId: fc.integer({ min: 0, max: 400 }).map((i) => `t-${i}`),
    agentId: fc.constant(null),
    configHash: fc.constantFrom('h1', 'h2', 'h3'),
    label: fc.constant('x'),
    why: fc.constant('why'),
  });
  // Evaluations minutes apart, each with its own candidates and its own rule set (an admin may change them).
  const arbRuns = fc.array(
    fc.record({
      afterMinutes: fc.integer({ min: 0, max: 40 }),
      rules: arbRules,
      candidates: fc.array(arbCandidate, { maxLength: 240, size: 'max' }),
    }),
    { minLength: 1, maxLength: 12 },
  );

  it('never over 50 acted per rule in any hour, never twice for a (rule, target, configuration), two kinds', () => {
    fc.assert(
      fc.property(arbRuns, (runs) => {
        let now = t0.getTime();
        let decisions: PastDecision[] = [];
        const actedAt: { rule: string; at: number }[] = [];
        const actions = new Set<string>();
        for (const run of runs) {
          now += run.afterMinutes * 60_000;
          const planned = planDecisions({
            rules: run.rules,
            candidates: run.candidates,
            decisions,
            now: new Date(now),
          });
          for (const p of planned) {
            if (p.kind !== 'unpublish_agent' && p.kind !== 'isolate_gpt') return false;
            if (run.rules[p.rule] === 'off') return false;
            if (p.mode === 'acted') actedAt.push({ rule: p.rule, at: now });
            if (p.mode === 'dry_run') continue;
            const k = `${p.rule}|${p.targetId}|${p.configHash}`;
            if (actions.has(k)) return false;
            actions.add(k);
          }
          decisions = record(decisions, planned, new Date(now));
        }
        // The acted decisions are in time order: a window of 51 within an hour is a breach.
        for (const rule of POLICY_RULES) {
          const times = actedAt.filter((a) => a.rule === rule).map((a) => a.at);
          for (let i = HOURLY_LIMIT; i < times.length; i++)
            if (times[i]! - times[i - HOURLY_LIMIT]! < HOUR_MS) return false;
        }
        return true;
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});

describe('parsePolicyRules', () => {
  it('reads missing rules as off, refuses unknown rules, bad modes and prototype keys', () => {
    expect(parsePolicyRules({ published_unapproved: 'on' })).toEqual({
      ok: true,
      rules: { ...DEFAULT_RULES, published_unapproved: 'on' },
    });
    expect(parsePolicyRules({ delete_everything: 'on' })).toMatchObject({ ok: false });
    expect(parsePolicyRules({ published_unapproved: 'always' })).toMatchObject({ ok: false });
    expect(parsePolicyRules(JSON.parse('{"__proto__": {"on": 1}}'))).toMatchObject({ ok: false });
    expect(parsePolicyRules([])).toMatchObject({ ok: false });
  });
});
