// Guide 3.1 and 3.2 from GPT data (issue 17): third-party GPTs restricted by the GPT policy, and the GPT findings
// scored over the GPT fleet; 3.1 also takes an attestation, since what members actually use is not in the data.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.ts';
import { finding, passingFacts } from './facts.fixture.ts';
import { AUTOMATED } from './rules.ts';
import { evaluateControl } from './score.ts';

const gpts = { total: 8, policyVersion: 3, thirdPartyGpts: 'approved_only' };
const check = (control: string, id: string, over: Parameters<typeof passingFacts>[0] = {}) =>
  AUTOMATED[control]!(passingFacts({ gpts, ...over })).find((c) => c.id === id)!;

describe('GPT posture checks', () => {
  it('3.1 fails while the GPT policy allows every third-party GPT, naming the policy version', () => {
    expect(check('3.1', 'third-party-gpts-restricted')).toMatchObject({ met: true });
    const open = check('3.1', 'third-party-gpts-restricted', { gpts: { ...gpts, thirdPartyGpts: 'all' } });
    expect(open).toMatchObject({ met: false, detail: expect.stringContaining('GPT policy version 3') });
    expect(check('3.1', 'third-party-gpts-restricted', { gpts: undefined }).detail).toContain('default GPT policy');
  });

  it('3.1 scores sharing, ownership, use case and disuse findings over the GPT fleet', () => {
    const cases = [
      ['gpts-shared-within-policy', 'gpt-shared-beyond-policy'],
      ['gpts-owned', 'gpt-owner-not-on-roster'],
      ['gpts-owned', 'gpt-no-owner'],
      ['gpts-use-case', 'gpt-no-use-case'],
      ['gpts-in-use', 'gpt-unused'],
    ] as const;
    for (const [id, kind] of cases) {
      expect(check('3.1', id), id).toMatchObject({ met: true });
      expect(check('3.1', id, { findings: [finding(kind)] }), kind).toMatchObject({
        met: false,
        share: { passing: gpts.total - 1, total: gpts.total },
      });
      expect(check('3.1', id, { findings: [finding(kind, 'excepted')] }), kind).toMatchObject({ met: true });
    }
  });

  it('3.2 adds the GPT action and knowledge-file checks to the app checks', () => {
    const cases = [
      ['gpt-action-domains', 'gpt-action-domain-not-allowed'],
      ['gpt-action-domains', 'gpt-action-plain-http'],
      ['gpt-action-auth', 'gpt-action-no-auth'],
      ['gpt-action-auth', 'gpt-action-static-key'],
      ['gpt-knowledge-files', 'gpt-file-unclassified'],
      ['gpt-knowledge-files', 'gpt-memory-with-sensitive-file'],
    ] as const;
    for (const [id, kind] of cases) {
      expect(check('3.2', id), id).toMatchObject({ met: true });
      expect(check('3.2', id, { findings: [finding(kind)] }), kind).toMatchObject({ met: false });
    }
  });

  it('3.1 is scored from its checks and an attestation together', () => {
    const def = CATALOGUE.controls.find((c) => c.id === '3.1')!;
    expect(def.assessment).toBe('both');
    const result = evaluateControl(def, passingFacts({ gpts }));
    expect(result.checks.map((c) => c.id)).toEqual([
      'third-party-gpts-restricted',
      'gpts-shared-within-policy',
      'gpts-owned',
      'gpts-use-case',
      'gpts-in-use',
      'attested',
    ]);
  });
});
