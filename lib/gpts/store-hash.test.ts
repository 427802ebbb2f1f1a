// The raw hash's canonical text is canonicalJson's, byte for byte, for any JSON value: hashes stored before it was
// rewritten still match, so an unchanged GPT stays unchanged across the upgrade.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { canonicalText, rawSha256 } from './store-hash.ts';

describe('the raw hash of a GPT object', () => {
  it('writes the same canonical text as canonicalJson for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalText(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an own "__proto__" key as a key, as JSON.parse makes it', () => {
    const hostile = JSON.parse('{"b": 1, "__proto__": {"polluted": true}, "a": [{"z": 1, "y": null}]}');
    expect(canonicalText(hostile)).toBe(canonicalJson(hostile));
    expect(canonicalText(hostile)).toContain('"__proto__"');
    expect(rawSha256(hostile)).not.toBe(rawSha256({ a: [{ y: null, z: 1 }], b: 1 }));
  });

  it('does not count key order or whitespace as a change', () => {
    const one = JSON.parse('{"id": "g-1", "sharing": {"visibility": "private", "recipients": []}}');
    const two = JSON.parse('{"sharing":{"recipients":[],"visibility":"private"},"id":"g-1"}');
    expect(rawSha256(one)).toBe(rawSha256(two));
    expect(rawSha256(one)).toMatch(/^[0-9a-f]{64}$/);
  });
});
