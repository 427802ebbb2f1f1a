import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field, formObject, parseForm } from './form-data.ts';

const form = (pairs: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
};

describe('reading a form', () => {
  it('keeps a single value, turns a repeated name into an array in form order', () => {
    expect({
      ...formObject(
        form([
          ['a', '1'],
          ['b', 'x'],
          ['a', '2'],
          ['a', '3'],
        ]),
      ),
    }).toEqual({ a: ['1', '2', '3'], b: 'x' });
    expect({ ...formObject(null) }).toEqual({});
  });

  it('refuses names that reach an object prototype', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(() => formObject(form([[name, 'x']]))).toThrow(/not allowed/);
    }
  });

  it('reads checkboxes as booleans, lists as arrays, absent text as empty', () => {
    const schema = z.object({
      on: field.checkbox(),
      off: field.checkbox(),
      no: field.checkbox(),
      tags: field.list(),
      one: field.list(),
      t: field.text(),
      o: field.optionalText(),
    });
    expect(
      parseForm(
        form([
          ['on', 'on'],
          ['no', 'no'],
          ['tags', 'a'],
          ['tags', 'b'],
          ['one', 'x'],
        ]),
        schema,
      ),
    ).toEqual({ on: true, off: false, no: false, tags: ['a', 'b'], one: ['x'], t: '', o: undefined });
  });

  it('answers 422 with the schema’s messages, each once', () => {
    const schema = z.object({
      a: z.string({ error: 'Unknown agent.' }),
      b: z.string({ error: 'Unknown agent.' }),
      c: z.string({ error: 'Give a reason.' }),
    });
    expect(() => parseForm(form([]), schema)).toThrow(
      expect.objectContaining({ status: 422, message: 'Unknown agent. Give a reason.' }),
    );
  });

  it('never lets a field name change Object.prototype, whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), (pairs) => {
        try {
          const out = formObject(form(pairs));
          expect(Object.getPrototypeOf(out)).toBeNull();
        } catch (error) {
          expect(String(error)).toMatch(/not allowed/);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});
