import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSafeJson, findJsonProblem, parseSafeJson, tooDeepAt, UnsafeJsonError } from './safe-json.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the JSON guard', () => {
  it.each(['__proto__', 'constructor', 'prototype', '__PROTO__', 'Constructor', 'PROTOTYPE'])(
    'refuses the key %s at any depth',
    (key) => {
      for (const text of [`{"${key}": {"x": 1}}`, `{"a": [{"b": {"${key}": 1}}]}`, `[[{"${key}": null}]]`]) {
        expect(() => parseSafeJson(text)).toThrow(UnsafeJsonError);
        expect(() => parseSafeJson(text)).toThrow(`The key "${key}" is not allowed`);
      }
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

  it('names where the key is', () => {
    expect(findJsonProblem(JSON.parse('{"Operations":[{"value":{"__proto__":{"admin":true}}}]}'))).toEqual({
      kind: 'forbiddenKey',
      path: ['Operations', 0, 'value', '__proto__'],
      reason: 'the key "__proto__" is not allowed',
      message: 'The key "__proto__" is not allowed (at "Operations[0].value.__proto__").',
    });
  });

  it('refuses NUL and lone surrogates in strings and keys, and accepts real astral characters', () => {
    expect(findJsonProblem(JSON.parse('{"name": "a\\u0000b"}'))).toMatchObject({ kind: 'badText', path: ['name'] });
    expect(findJsonProblem(JSON.parse('{"name": ["ok", "x\\ud800"]}'))).toMatchObject({
      kind: 'badText',
      path: ['name', 1],
    });
    expect(findJsonProblem(JSON.parse('{"name": "\\udc00x"}'))).toMatchObject({ kind: 'badText' });
    expect(findJsonProblem(JSON.parse('{"a\\u0000": 1}'))).toMatchObject({ kind: 'badText' });
    expect(findJsonProblem({ name: 'Zoë 😀 李' })).toBeNull();
  });

  it('bounds depth without recursing (100 000 levels answer, not overflow)', () => {
    expect(findJsonProblem(JSON.parse(nested(64)))).toBeNull();
    expect(findJsonProblem(JSON.parse(nested(65)))).toMatchObject({ kind: 'tooDeep' });
    expect(() => assertSafeJson(JSON.parse(nested(100_000)))).toThrow('nested deeper than 64 levels');
  });

  it('finds deep nesting in JSON and JSONC text before a recursive parser does, skipping strings and comments', () => {
    expect(tooDeepAt(nested(64))).toBe(-1);
    expect(tooDeepAt(nested(65))).toBe(64);
    expect(tooDeepAt(`{"a": "${'['.repeat(200)}"} // ${'{'.repeat(200)}\n/* ${'['.repeat(200)} */ []`)).toBe(-1);
    expect(tooDeepAt('{"a": "\\"[[["}')).toBe(-1);
  });

  it('accepts any ordinary JSON value and never throws anything but UnsafeJsonError', () => {
    const plainKey = fc.string().filter(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and lone surrogates are what PostgreSQL refuses
      (k) => !['__proto__', 'constructor', 'prototype'].includes(k.toLowerCase()) && !/[\u0000\uD800-\uDFFF]/.test(k),
    );
    const plainText = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        plainText,
        fc.array(tie('value')),
        fc.dictionary(plainKey, tie('value')),
      ),
    }));
    fc.assert(fc.property(value, (v) => findJsonProblem(JSON.parse(JSON.stringify(v))) === null));
    fc.assert(
      fc.property(fc.json(), fc.constantFrom('__proto__', 'Constructor', 'prototype'), (json, key) => {
        const hostile = `{"a": ${json}, "${key}": {"polluted": true}}`;
        expect(() => parseSafeJson(hostile)).toThrow(UnsafeJsonError);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});
