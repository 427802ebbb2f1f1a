// A framework's score by the posture formula: items from controls and check shares, not-assessed items left out.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { passingFacts } from '@/lib/posture/facts.fixture.ts';
import { scorePosture } from '@/lib/posture/score.ts';
import { FRAMEWORK_KEYS } from './catalogues.ts';
import { checkShares } from './check-shares.ts';
import type { FrameworkCatalogue } from './parse.ts';
import { scoreFramework, shareScore } from './score.ts';

const catalogue = (mappings: [string, string[]][]): FrameworkCatalogue => ({
  key: 'owasp_llm',
  title: 'T',
  edition: '2025',
  publisher: 'P',
  uri: 'https://example.org/',
  file: 'f',
  groups: [],
  items: ['LLM01', 'LLM02', 'LLM03'].map((id, i) => ({ id, title: id, line: i + 1 })),
  mappings: mappings.map(([from, to], i) => ({ from, to, why: 'because', line: i + 10 })),
});

describe('scoreFramework', () => {
  it('scores an item as the mean of its controls and checks, and the framework over assessed items only', () => {
    const s = scoreFramework(
      catalogue([
        ['control:6.4', ['LLM01']],
        ['finding:gpt-unused', ['LLM01', 'LLM02']],
      ]),
      new Map([['6.4', 40]]),
      { 'finding:gpt-unused': { passing: 3, total: 4, of: 'GPTs' } },
    );
    expect(s.items.map((i) => [i.id, i.score, i.controls, i.checks])).toEqual([
      ['LLM01', 57.5, ['6.4'], ['finding:gpt-unused']],
      ['LLM02', 75, [], ['finding:gpt-unused']],
      ['LLM03', null, [], []],
    ]);
    expect(s).toMatchObject({ score: 66.3, assessed: 2, total: 3 });
  });

  it('leaves out a control that is not applicable, and an item with only such controls is not assessed', () => {
    const s = scoreFramework(catalogue([['control:2.3', ['LLM02']]]), new Map([['2.3', null]]), {});
    expect(s).toMatchObject({ score: null, assessed: 0 });
  });

  it('a check over an empty population scores 100: nothing fails it', () => {
    expect(shareScore({ passing: 0, total: 0, of: '' })).toBe(100);
    expect(shareScore({ passing: 1, total: 3, of: '' })).toBe(33.3);
  });
});

describe('checkShares', () => {
  const base = {
    openFindings: [] as { kind: string; subjectId: string }[],
    gpts: 10,
    agents: 100,
    alertedAgents: new Map([['r1', 5]]),
    ruleIds: ['r1', 'r2'],
    campaign: { items: 8, decided: 6, changes: 3 },
    platform: { settled: 4, confirmed: 3 },
  };

  it('counts each GPT once per finding kind, agents alerted per rule, and the campaign and platform shares', () => {
    const s = checkShares({
      ...base,
      openFindings: [
        { kind: 'gpt-action-plain-http', subjectId: 'g1' },
        { kind: 'gpt-action-plain-http', subjectId: 'g1' },
        { kind: 'gpt-action-plain-http', subjectId: 'g2' },
        { kind: 'campaign-revoke', subjectId: 'm1' },
      ],
    });
    expect(s['finding:gpt-action-plain-http']).toMatchObject({ passing: 8, total: 10 });
    expect(s['finding:gpt-no-owner']).toMatchObject({ passing: 10, total: 10 });
    expect(s['rule:r1']).toMatchObject({ passing: 95, total: 100 });
    expect(s['rule:r2']).toMatchObject({ passing: 100, total: 100 });
    expect(s['campaign:decided']).toMatchObject({ passing: 6, total: 8 });
    expect(s['campaign:changes-done']).toMatchObject({ passing: 2, total: 3 });
    expect(s['platform-action:confirmed']).toMatchObject({ passing: 3, total: 4 });
  });

  it('never gives a negative share when findings outnumber the population counted', () => {
    const s = checkShares({ ...base, gpts: 0, openFindings: [{ kind: 'gpt-unused', subjectId: 'g' }] });
    expect(s['finding:gpt-unused']).toMatchObject({ passing: 0, total: 1 });
  });
});

describe('scorePosture with the AI frameworks', () => {
  it('adds the seven keys, moves them with a check, and leaves the guide’s four frameworks as they were', () => {
    const defs = CATALOGUE.controls;
    const without = scorePosture(defs, passingFacts());
    const failing = { 'finding:gpt-memory-with-sensitive-file': { passing: 0, total: 4, of: 'GPTs' } };
    const withCheck = scorePosture(defs, passingFacts({ checks: failing }));
    expect(Object.keys(withCheck.frameworks).sort()).toEqual(
      ['cis', 'gdpr', 'nist_800_53', 'soc2', ...FRAMEWORK_KEYS].sort(),
    );
    for (const k of ['soc2', 'nist_800_53', 'cis', 'gdpr'] as const)
      expect(withCheck.frameworks[k]).toEqual(without.frameworks[k]);
    // ASI06 rests on that one check alone: from not assessed to 0, and the framework's mean moves with it.
    const asi06 = (p: typeof without) => p.frameworks.owasp_agentic.items.find((i) => i.id === 'ASI06')!;
    expect(asi06(without).score).toBeNull();
    expect(asi06(withCheck).score).toBe(0);
    expect(withCheck.frameworks.owasp_agentic.assessed).toBe(without.frameworks.owasp_agentic.assessed + 1);
    expect(withCheck.frameworks.owasp_agentic.score!).toBeLessThan(without.frameworks.owasp_agentic.score!);
  });
});
