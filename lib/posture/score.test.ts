import { describe, expect, it } from 'vitest';
import { agents, passingFacts, some } from './facts.fixture.ts';
import { evaluateControl, scorePosture } from './score.ts';
import type { ControlDef } from './types.ts';

const def = (id: string, over: Partial<ControlDef> = {}): ControlDef => ({
  id,
  title: `Control ${id}`,
  section: Number(id.split('.')[0]),
  sectionTitle: `Section ${id.split('.')[0]}`,
  level: 'L1',
  cis: [],
  nist: [],
  soc2: [],
  gdpr: [],
  assessment: 'automated',
  ...over,
});

describe('control status and score', () => {
  it('scores an automated control by its checks: pass, partial with the ratio, fail at 0', () => {
    expect(evaluateControl(def('6.4'), passingFacts())).toMatchObject({ status: 'pass', score: 100, next: null });
    const partial = evaluateControl(def('6.4'), passingFacts({ firstUseRule: false }));
    expect(partial).toMatchObject({ status: 'partial', score: 50 });
    expect(partial.reasons[0]).toMatch(/^First-use detection/);
    expect(
      evaluateControl(def('6.4'), passingFacts({ firstUseRule: false, agents: agents({ exposed: some(1) }) })),
    ).toMatchObject({ status: 'fail', score: 0 });
  });

  it('reads an attested control as pass, stale or not assessed', () => {
    const attested = def('1.1', { assessment: 'attested' });
    const at = (status: 'valid' | 'stale') =>
      passingFacts({
        attestations: new Map([
          ['1.1', { status, attestedBy: 'greta@acme.example', expiresAt: new Date('2027-01-01T00:00:00Z') }],
        ]),
      });
    expect(evaluateControl(attested, at('valid'))).toMatchObject({ status: 'pass', score: 100 });
    expect(evaluateControl(attested, at('stale'))).toMatchObject({
      status: 'stale',
      score: 0,
      reasons: ['The attestation expired on 2027-01-01.'],
    });
    expect(evaluateControl(attested, passingFacts())).toMatchObject({ status: 'not_assessed', score: 0 });
  });

  it('counts the attestation as one more check of a control assessed both ways', () => {
    expect(evaluateControl(def('6.4', { assessment: 'both' }), passingFacts())).toMatchObject({
      status: 'partial',
      score: 66.7,
    });
  });

  it('leaves a control not applicable under an exception out of every mean', () => {
    const facts = passingFacts({
      firstUseRule: false,
      notApplicable: new Map([['2.3', { id: 'e1', title: 'No EKM in our plan' }]]),
    });
    const p = scorePosture(
      [def('6.4'), def('2.3', { assessment: 'attested', level: 'L2' }), def('6.6', { level: 'L2' })],
      facts,
    );
    expect(p.controls.map((c) => [c.id, c.status, c.score])).toEqual([
      ['6.4', 'partial', 50],
      ['2.3', 'not_applicable', null],
      ['6.6', 'pass', 100],
    ]);
    expect(p.overall).toBe(75);
    expect(p.levels).toEqual({ L1: 50, L2: 100, L3: null });
    expect(p.l1Complete).toBe(false);
  });

  it('scores each framework item as the mean of its controls, and the framework as the mean of its items', () => {
    const defs = [
      def('6.4', { soc2: ['CC7.2'], nist: ['SI-4(2)'] }),
      def('6.6', { soc2: ['CC7.2', 'CC6.1'] }),
      def('1.1', { assessment: 'attested', soc2: ['CC6.1'] }),
    ];
    const p = scorePosture(defs, passingFacts({ firstUseRule: false }));
    expect(p.frameworks.soc2.items).toEqual([
      { id: 'CC6.1', controls: ['6.6', '1.1'], score: 50 },
      { id: 'CC7.2', controls: ['6.4', '6.6'], score: 75 },
    ]);
    expect(p.frameworks.soc2.score).toBe(62.5);
    expect(p.frameworks.nist_800_53).toEqual({ score: 50, items: [{ id: 'SI-4(2)', controls: ['6.4'], score: 50 }] });
    expect(p.frameworks.gdpr).toEqual({ score: null, items: [] });
    expect(p.sections.map((s) => [s.section, s.score])).toEqual([
      [6, 75],
      [1, 0],
    ]);
  });

  it('says L1 is complete only when every L1 control passes', () => {
    expect(scorePosture([def('6.4'), def('6.6')], passingFacts()).l1Complete).toBe(true);
  });
});
