import { describe, expect, it } from 'vitest';
import {
  actionDomainAllowed,
  DEFAULT_GPT_POLICY,
  type GptPolicy,
  isPublicApi,
  MAX_POLICY_ENTRIES,
  parseGptPolicy,
  sharedBeyondPolicy,
  thirdPartyGptAllowed,
} from '@/lib/gpts/policy.ts';
import { GPT_VISIBILITIES } from '@/lib/gpts/types.ts';

const policy = (over: Partial<GptPolicy> = {}): GptPolicy => ({ ...DEFAULT_GPT_POLICY, ...over });

describe('parseGptPolicy', () => {
  it('normalises domains and ids: lower case, punycode, no trailing dot, unique and sorted', () => {
    const r = parseGptPolicy({
      allowedActionDomains: ['Example.COM.', 'bücher.example', 'example.com'],
      maxVisibility: 'workspace_link',
      thirdPartyGpts: 'approved_only',
      approvedThirdPartyGpts: ['g-b', 'g-a', 'g-b'],
      publicApiDomains: ['*.weather.example'],
    });
    expect(r).toEqual({
      ok: true,
      policy: {
        allowedActionDomains: ['example.com', 'xn--bcher-kva.example'],
        maxVisibility: 'workspace_link',
        thirdPartyGpts: 'approved_only',
        approvedThirdPartyGpts: ['g-a', 'g-b'],
        publicApiDomains: ['weather.example'],
      },
    });
  });

  it('refuses bad input with every problem named', () => {
    const r = parseGptPolicy({
      allowedActionDomains: ['https://x.example/', 'ok.example'],
      maxVisibility: 'everyone',
      thirdPartyGpts: 'all',
      approvedThirdPartyGpts: ['g 1'],
      publicApiDomains: [],
      extra: true,
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.join('\n');
    expect(problems).toContain('allowedActionDomains: "https://x.example/" is not a domain name');
    expect(problems).toContain('maxVisibility');
    expect(problems).toContain('approvedThirdPartyGpts.0');
    expect(problems).toContain('extra');
  });

  it('refuses a top-level domain alone and a name with characters no host name has', () => {
    const r = parseGptPolicy({
      ...DEFAULT_GPT_POLICY,
      allowedActionDomains: ['com', 'domain!'],
      publicApiDomains: ['io'],
    });
    const problems = r.ok ? '' : r.problems.join('\n');
    expect(problems).toContain('allowedActionDomains: "com" names no domain: give at least two labels');
    expect(problems).toContain('allowedActionDomains: "domain!" is not a domain name');
    expect(problems).toContain('publicApiDomains: "io" names no domain');
  });

  it('refuses a forbidden key and an oversized list', () => {
    const hostile = JSON.parse('{"__proto__": {"x": 1}, "maxVisibility": "private"}');
    expect(parseGptPolicy(hostile)).toEqual({ ok: false, problems: [expect.stringContaining('__proto__')] });
    const many = Array.from({ length: MAX_POLICY_ENTRIES + 1 }, (_, i) => `d${i}.example`);
    expect(parseGptPolicy({ ...DEFAULT_GPT_POLICY, allowedActionDomains: many }).ok).toBe(false);
  });
});

describe('policy checks', () => {
  it('allows an action domain and its subdomains, nothing when the list is empty', () => {
    expect(actionDomainAllowed(DEFAULT_GPT_POLICY, 'api.example.com')).toBe(false);
    const p = policy({ allowedActionDomains: ['example.com'] });
    expect(actionDomainAllowed(p, 'api.example.com')).toBe(true);
    expect(actionDomainAllowed(p, 'evilexample.com')).toBe(false);
  });

  it('judges sharing by the order narrowest to broadest', () => {
    const p = policy({ maxVisibility: 'workspace' });
    const beyond = GPT_VISIBILITIES.filter((v) => sharedBeyondPolicy(p, v));
    expect(beyond).toEqual(['anyone_with_link', 'gpt_store']);
  });

  it('lists public APIs by domain', () => {
    expect(isPublicApi(policy({ publicApiDomains: ['weather.example'] }), 'api.weather.example')).toBe(true);
    expect(isPublicApi(policy(), 'api.weather.example')).toBe(false);
  });

  it('allows third-party GPTs: none, only approved ones, or all', () => {
    expect(thirdPartyGptAllowed(policy({ approvedThirdPartyGpts: ['g-1'] }), 'g-1')).toBe(false);
    const approved = policy({ thirdPartyGpts: 'approved_only', approvedThirdPartyGpts: ['g-1'] });
    expect([thirdPartyGptAllowed(approved, 'g-1'), thirdPartyGptAllowed(approved, 'g-2')]).toEqual([true, false]);
    expect(thirdPartyGptAllowed(policy({ thirdPartyGpts: 'all' }), 'g-2')).toBe(true);
  });
});
