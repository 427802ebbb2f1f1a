import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainAllowed, domainAllowedBy, normalizeDomain } from '@/lib/gpts/policy-domains.ts';

describe('normalizeDomain', () => {
  it('folds case, IDN, a trailing dot, a port and a wildcard prefix', () => {
    expect(normalizeDomain('API.Example.COM.')).toBe('api.example.com');
    expect(normalizeDomain('Bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('example.com:8443')).toBe('example.com');
    expect(normalizeDomain('*.example.com')).toBe('example.com');
  });

  it('gives nothing for what is not a host name', () => {
    for (const bad of ['', ' ', 'exa mple.com', 'https://example.com/', 'user@example.com', 'a..example.com'])
      expect(normalizeDomain(bad)).toBe('');
    for (const bad of ['domain!', 'ex*ample.com', '-api.example.com', `${'a'.repeat(64)}.example`, "o'brien.example"])
      expect(normalizeDomain(bad), bad).toBe('');
  });
});

describe('domain allowlist', () => {
  it('allows the domain itself and its subdomains, whole labels only', () => {
    expect(domainAllowedBy('example.com', 'example.com')).toBe(true);
    expect(domainAllowedBy('api.eu.example.com', 'example.com')).toBe(true);
    expect(domainAllowedBy('evilexample.com', 'example.com')).toBe(false);
    expect(domainAllowedBy('example.com.evil.net', 'example.com')).toBe(false);
    expect(domainAllowedBy('example.com', 'api.example.com')).toBe(false);
    expect(domainAllowedBy('xn--bcher-kva.example', 'BÜCHER.example.')).toBe(true);
  });

  it('allows nothing with an empty list, and never an empty domain', () => {
    expect(domainAllowed('example.com', [])).toBe(false);
    expect(domainAllowed('', ['example.com'])).toBe(false);
    expect(domainAllowed('example.com', [''])).toBe(false);
  });

  // Host-name labels. "xn--…" is an IDN's ASCII form and only a valid one is a host name ("xn--0" is not, and
  // allows nothing: see the example below), so the generated labels are never A-labels.
  const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/).filter((l) => !l.startsWith('xn--'));
  const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));

  it('an invalid IDN label (xn-- that is no punycode) is no host name: it neither allows nor is allowed', () => {
    expect([domainAllowedBy('a.xn--0.a', 'xn--0.a'), domainAllowedBy('xn--0.a', 'a')]).toEqual([false, false]);
    expect(domainAllowedBy('api.xn--bcher-kva.example', 'bücher.example')).toBe(true);
  });

  it('property: a domain is allowed by a parent exactly when the parent is a whole-label suffix', () => {
    fc.assert(
      fc.property(domain, domain, (host, parent) => {
        const hostLabels = host.split('.');
        const parentLabels = parent.split('.');
        const suffix =
          parentLabels.length <= hostLabels.length &&
          parentLabels.every((l, i) => hostLabels[hostLabels.length - parentLabels.length + i] === l);
        expect(domainAllowedBy(host, parent)).toBe(suffix);
      }),
    );
  });

  it('property: every subdomain of an allowed domain is allowed; gluing a prefix onto it is not', () => {
    fc.assert(
      fc.property(domain, label, label, (parent, sub, glue) => {
        expect(domainAllowedBy(`${sub}.${parent}`, parent)).toBe(true);
        expect(domainAllowedBy(`${sub.toUpperCase()}.${parent.toUpperCase()}.`, parent)).toBe(true);
        expect(domainAllowedBy(`${glue}${parent}`, parent)).toBe(false);
      }),
      { examples: [['xn--bcher-kva.example', 'a', 'xn']] },
    );
  });
});
