import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PackError, lineColumn, parseJsonc, parsePack } from './jsonc.ts';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof PackError) return error.issues;
    throw error;
  }
  throw new Error('expected a PackError');
}

describe('JSONC packs', () => {
  it('reads comments and trailing commas', () => {
    expect(parseJsonc('// a pack\n{ /* inline */ "a": [1, 2,], }\n// end').value).toEqual({ a: [1, 2] });
  });

  it('reports a syntax error with its line and column', () => {
    const text = '// header\n{\n  "roles": [\n    { "name": "agents-run" "features": {} }\n  ]\n}';
    const issues = issuesOf(() => parseJsonc(text));
    expect(issues[0]).toMatchObject({ line: 4, column: 28, message: 'a comma is expected' });
    expect(String(new PackError(issues).message)).toMatch(/^line 4, column 28: a comma is expected/);
  });

  it('reports an unterminated comment and an empty file', () => {
    expect(issuesOf(() => parseJsonc('{"a": 1}\n/* never closed'))[0]).toMatchObject({
      line: 2,
      message: 'unterminated comment',
    });
    expect(issuesOf(() => parseJsonc('// only a comment\n'))[0]!.message).toMatch(/value|no JSON/);
  });

  it('names the JSON path, line and column of a shape error', () => {
    const schema = z.object({ roles: z.array(z.object({ enabled: z.boolean() })) });
    const issues = issuesOf(() =>
      parsePack('{\n  "roles": [\n    { "enabled": true },\n    { "enabled": "yes" }\n  ]\n}', schema),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'roles[1].enabled', line: 4, column: 18 });
  });

  it('points a missing key at its nearest parent', () => {
    const issues = issuesOf(() =>
      parsePack('{\n  "roles": [ {} ]\n}', z.object({ roles: z.array(z.object({ enabled: z.boolean() })) })),
    );
    expect(issues[0]).toMatchObject({ path: 'roles[0].enabled', line: 2, column: 14 });
  });

  it('never turns a __proto__ key into a prototype: the key is refused (issue 15, item 1)', () => {
    expect(issuesOf(() => parseJsonc('{"__proto__": {"polluted": true}}'))).toEqual([
      { message: 'the key "__proto__" is not allowed', path: '__proto__', line: 1, column: 2 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
