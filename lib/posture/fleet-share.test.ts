// Posture moves with risk (issue 15, item 13): a check over a fleet scores the share that passes, so every agent,
// member, app, log type or step that starts failing lowers its control's score — 18 and 31 exposed agents are not
// both "Partial 50", and 13 more exposed agents lower the overall score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.ts';
import { agents, finding, passingFacts, some } from './facts.fixture.ts';
import { checkScore, evaluateControl, scorePosture } from './score.ts';
import type { ControlDef, FindingFact, PostureFacts } from './types.ts';

const defs = CATALOGUE.controls as ControlDef[];
const def = (id: string) => defs.find((d) => d.id === id)!;
const score = (id: string, f: PostureFacts) => evaluateControl({ ...def(id), assessment: 'automated' }, f).score!;

/** `n` open findings of a kind, each about its own subject. */
const findings = (kind: string, n: number): FindingFact[] =>
  Array.from({ length: n }, (_, i) => ({ ...finding(kind), key: `${kind}:${i}`, label: `subject-${i}` }));

/** Each fleet check: the control it scores, the fleet's size, and the facts with `failing` of it failing. */
const FLEETS: { name: string; control: string; size: number; facts: (failing: number) => PostureFacts }[] = [
  {
    name: 'exposed agents (6.4)',
    control: '6.4',
    size: 60,
    facts: (n) => passingFacts({ agents: agents({ total: 60, exposed: some(n) }) }),
  },
  {
    name: 'ungated published agents (6.3)',
    control: '6.3',
    size: 40,
    facts: (n) => passingFacts({ agents: agents({ published: 40, ungated: some(n) }) }),
  },
  {
    name: 'unapproved published agents (6.7)',
    control: '6.7',
    size: 40,
    facts: (n) => passingFacts({ agents: agents({ published: 40, unapproved: some(n) }) }),
  },
  {
    name: 'unsigned checklist steps (6.7)',
    control: '6.7',
    size: 6,
    facts: (n) =>
      passingFacts({
        checklist: passingFacts().checklist.map((s) => (s.step <= n ? { ...s, status: 'stale' as const } : s)),
      }),
  },
  {
    name: 'members not from SCIM (1.3)',
    control: '1.3',
    size: 30,
    facts: (n) => passingFacts({ scim: { activeTokens: 1, activeMembers: 30, scimMembers: 30 - n, notFromScim: [] } }),
  },
  {
    name: 'admins not re-attested (1.4)',
    control: '1.4',
    size: 8,
    facts: (n) => passingFacts({ fleets: { apps: 4, admins: 8 }, findings: findings('attestation-overdue', n) }),
  },
  {
    name: 'apps on allow_all (6.2)',
    control: '6.2',
    size: 12,
    facts: (n) => passingFacts({ fleets: { apps: 12, admins: 2 }, findings: findings('allow-all', n) }),
  },
  {
    name: 'apps on allow_all (3.2)',
    control: '3.2',
    size: 12,
    facts: (n) => passingFacts({ fleets: { apps: 12, admins: 2 }, findings: findings('allow-all', n) }),
  },
  {
    name: 'members with a direct assignment (6.1)',
    control: '6.1',
    size: 30,
    facts: (n) =>
      passingFacts({
        scim: { activeTokens: 1, activeMembers: 30, scimMembers: 30, notFromScim: [] },
        findings: findings('direct-assignment', n),
      }),
  },
  {
    name: 'log types not live (6.6)',
    control: '6.6',
    size: 3,
    facts: (n) =>
      passingFacts({
        logs: {
          configured: true,
          types: ['AUDIT_LOG', 'CUSTOM_AGENTS_LOG', 'CONVERSATIONS'].map((logType, i) => ({
            logType,
            status: i < n ? ('stale' as const) : ('live' as const),
          })),
        },
      }),
  },
];

describe('a check over a fleet scores the share that passes', () => {
  it('6.4 is no longer "Partial 50" whether 18 or 31 agents are exposed, and says the ratio', () => {
    const at = (n: number) =>
      evaluateControl(def('6.4'), passingFacts({ agents: agents({ total: 60, exposed: some(n) }) }));
    expect(at(18)).toMatchObject({ status: 'partial', score: 85 });
    expect(at(31)).toMatchObject({ status: 'partial', score: 74.2 });
    expect(at(18).checks[0]).toMatchObject({
      met: false,
      share: { passing: 42, total: 60, of: 'agents not exposed ÷ agents (every agent not deleted)' },
    });
    // Every agent exposed and the first-use rule missing: nothing passes, fail.
    expect(
      evaluateControl(
        def('6.4'),
        passingFacts({ firstUseRule: false, agents: agents({ total: 60, exposed: some(60) }) }),
      ),
    ).toMatchObject({ status: 'fail', score: 0 });
  });

  it('the overall score drops when 13 more agents are exposed', () => {
    const overall = (n: number) =>
      scorePosture(defs, passingFacts({ agents: agents({ total: 60, exposed: some(n) }) })).overall!;
    expect(overall(31)).toBeLessThan(overall(18));
  });

  for (const fleet of FLEETS) {
    it(`${fleet.name}: the control's score strictly falls with every one more failing`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: fleet.size - 1 }), (n) => {
          expect(score(fleet.control, fleet.facts(n + 1))).toBeLessThan(score(fleet.control, fleet.facts(n)));
        }),
      );
      expect(score(fleet.control, fleet.facts(0))).toBe(100);
    });
  }

  it('6.4 strictly falls with the count for fleets up to 500 agents (one agent ≥ 0.1 point), never rising', () => {
    const at = (total: number, exposed: number, firstUse: boolean) =>
      score('6.4', passingFacts({ firstUseRule: firstUse, agents: agents({ total, exposed: some(exposed) }) }));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 500 })
          .chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total - 1 }))),
        fc.boolean(),
        ([total, n], firstUse) => {
          expect(at(total, n + 1, firstUse)).toBeLessThan(at(total, n, firstUse));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200_000 })
          .chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total - 1 }))),
        ([total, n]) => {
          expect(at(total, n + 1, true)).toBeLessThanOrEqual(at(total, n, true));
        },
      ),
    );
  });

  it('scores a check 1 exactly when it is met, and an empty fleet by whether it is met', () => {
    for (const fleet of FLEETS) {
      for (const c of evaluateControl({ ...def(fleet.control), assessment: 'automated' }, fleet.facts(1)).checks)
        expect(checkScore(c) === 1, `${fleet.name} ${c.id}`).toBe(c.met);
    }
    const empty = evaluateControl(
      def('1.3'),
      passingFacts({ scim: { activeTokens: 1, activeMembers: 0, scimMembers: 0, notFromScim: [] } }),
    );
    expect(empty.checks.map((c) => [c.id, checkScore(c)])).toEqual([
      ['scim-token', 1],
      ['roster-from-scim', 0],
    ]);
  });
});
