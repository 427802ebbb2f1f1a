// Risk tags (decision 0041) against the framework catalogues: every owasp./atlas. tag of a shipped rule names an item
// of them, and the rule's tags are exactly its `rule:` mappings; every rule and every finding kind names risks; a
// filter by a risk selects exactly the rules and findings whose chips show it.
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { tagProblems } from '@/lib/detections/sigma-tags.ts';
import { FINDING_CONTROLS } from '@/lib/findings/filter.ts';
import { GPT_FINDING_CONTROLS, GPT_FINDING_KINDS } from '@/lib/gpts/findings.ts';
import {
  findingRiskSelector,
  findingRisks,
  mappedRisks,
  OWN_RISK_KINDS,
  riskChoices,
  riskOfSigmaTag,
  ruleRisks,
  rulesWithRisk,
  sigmaTag,
} from './risk-tags.ts';

const RULES = builtinRules();
const ids = (tags: { id: string }[]) => tags.map((t) => t.id);

describe('risk tags of the detection rules', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: tags that exist, exactly its rule: mappings', (_, rule) => {
    const risky = rule.tags.filter((t) => t.startsWith('owasp.') || t.startsWith('atlas.'));
    expect(risky.filter((t) => riskOfSigmaTag(t) === null)).toEqual([]);
    expect(tagProblems(rule.tags)).toEqual([]);
    expect(ids(ruleRisks(rule.tags))).toEqual(ids(mappedRisks(`rule:${rule.id}`)));
    const frameworks = new Set(ruleRisks(rule.tags).map((r) => r.framework));
    expect(frameworks.has('owasp_agentic') && frameworks.has('mitre_atlas')).toBe(true);
  });

  it('reads a tag as its catalogue item, and refuses ids no catalogue holds', () => {
    expect(riskOfSigmaTag('owasp.asi01')).toMatchObject({ framework: 'owasp_agentic', id: 'ASI01' });
    expect(riskOfSigmaTag('owasp.llm06')).toMatchObject({ framework: 'owasp_llm', id: 'LLM06' });
    expect(riskOfSigmaTag('atlas.aml.t0051.001')).toMatchObject({ framework: 'mitre_atlas', id: 'AML.T0051.001' });
    expect(riskOfSigmaTag('owasp.asi99')).toBeNull();
    expect(riskOfSigmaTag('atlas.asi01')).toBeNull();
    expect(riskOfSigmaTag('attack.t1098')).toBeNull();
    expect(tagProblems(['owasp.asi1', 'atlas.t0051'])).toHaveLength(2);
    for (const r of riskChoices()) expect(riskOfSigmaTag(sigmaTag(r))).toEqual(r);
  });
});

describe('risk tags of the findings', () => {
  it('every finding kind names an OWASP risk: its own mappings, or its control’s', () => {
    for (const control of FINDING_CONTROLS)
      expect(
        mappedRisks(`control:${control}`).some((r) => r.framework !== 'mitre_atlas'),
        control,
      ).toBe(true);
    for (const kind of GPT_FINDING_KINDS)
      expect(findingRisks(kind, GPT_FINDING_CONTROLS[kind]).length, kind).toBeGreaterThan(0);
    expect(OWN_RISK_KINDS.has('gpt-action-static-key')).toBe(true);
    expect(OWN_RISK_KINDS.has('gpt-no-use-case')).toBe(false);
    expect(ids(findingRisks('gpt-no-use-case', '3.1'))).toEqual(ids(mappedRisks('control:3.1')));
    expect(ids(findingRisks('allow-all', '6.2'))).toEqual(ids(mappedRisks('control:6.2')));
  });

  it('a filter by a risk selects exactly the findings and rules whose chips show it', () => {
    const samples = [
      ...GPT_FINDING_KINDS.map((kind) => ({ kind, control: GPT_FINDING_CONTROLS[kind] })),
      ...FINDING_CONTROLS.map((control) => ({ kind: 'role-drift', control })),
    ];
    for (const risk of riskChoices()) {
      const s = findingRiskSelector(risk.id, FINDING_CONTROLS);
      for (const f of samples) {
        const selected = s.kinds.includes(f.kind) || (!s.ownKinds.includes(f.kind) && s.controls.includes(f.control));
        expect(selected, `${risk.id} ${f.kind} ${f.control}`).toBe(
          ids(findingRisks(f.kind, f.control)).includes(risk.id),
        );
      }
      expect(rulesWithRisk(RULES, risk.id)).toEqual(
        RULES.filter((r) => ids(ruleRisks(r.tags)).includes(risk.id)).map((r) => r.id),
      );
    }
    expect(rulesWithRisk(RULES, 'ASI01')).toEqual(['tollgate-6003-unapproved-write-by-trifecta']);
  });
});
