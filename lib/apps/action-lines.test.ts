import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from './builtin.ts';
import { formatActionLines, parseActionLines } from './action-lines.ts';

describe('action lines', () => {
  it('round-trips every built-in app', () => {
    for (const app of builtinCatalogue('guide').apps)
      expect(parseActionLines(formatActionLines(app.actions))).toEqual(app.actions);
  });
  it('names the line of a mistake', () => {
    expect(() => parseActionLines('search | read\n\nsend | writ | send')).toThrow(
      'Actions line 3: the second field must be read or write',
    );
    expect(() => parseActionLines('a | read\na | write')).toThrow('Actions line 2: a is listed twice');
  });
});
