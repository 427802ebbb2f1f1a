// Every place that turns a user's JSON file into objects runs the shared guard (issue 15, item 1): code packs
// 6.01/6.02/6.03/6.07 through the JSONC reader, and the catalogue file. A forbidden key, a NUL or deep nesting
// is refused with one clear message naming where, and Object.prototype is never touched.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseControlsPack } from '@/lib/action-control/pack.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { parseCatalogueFile, serializeCatalogue } from '@/lib/apps/catalogue-file.ts';
import { parsePolicyPack } from '@/lib/reviews/policy-pack.ts';
import { parseRolesPack } from '@/lib/roles/pack.ts';
import { PackError, parseJsonc } from './jsonc.ts';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof PackError) return error.issues;
    throw error;
  }
  throw new Error('expected a PackError');
};
const expectCleanPrototype = () => {
  for (const key of ['x', 'polluted', 'enabled']) expect(({} as Record<string, unknown>)[key], key).toBeUndefined();
};
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('code packs refuse hostile JSON', () => {
  it('refuses __proto__, constructor and prototype keys at any depth, naming the path, line and column', () => {
    const text =
      '// a pack\n{\n  "roles": [\n    { "name": "r", "features": { "__proto__": { "polluted": true } } }\n  ]\n}';
    expect(issuesOf(() => parseJsonc(text))).toEqual([
      { message: 'the key "__proto__" is not allowed', path: 'roles[0].features.__proto__', line: 4, column: 34 },
    ]);
    expect(issuesOf(() => parseJsonc('{ "a": { "b": [ { "Constructor": 1 } ] } }'))[0]).toMatchObject({
      path: 'a.b[0].Constructor',
      line: 1,
    });
    expect(issuesOf(() => parseJsonc('{ "PROTOTYPE": {} }'))[0]!.message).toBe('the key "PROTOTYPE" is not allowed');
    expectCleanPrototype();
  });

  it('refuses a NUL or a lone surrogate in a string, and deep nesting without overflowing the stack', () => {
    expect(issuesOf(() => parseJsonc('{ "roles": [ { "description": "a\\u0000b" } ] }'))[0]).toMatchObject({
      path: 'roles[0].description',
      message: 'the value contains a NUL character',
    });
    expect(issuesOf(() => parseJsonc('{ "x": "\\ud800" }'))[0]!.message).toBe(
      'the value contains a lone UTF-16 surrogate',
    );
    const deep = `// deep\n${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(issuesOf(() => parseJsonc(deep))[0]).toMatchObject({
      message: 'nested deeper than 64 levels',
      line: 2,
      column: 65,
    });
  });

  it('applies to the 6.01 roles, 6.02 action-control and 6.03 approval-policy packs', () => {
    const roles =
      '{ "roles": [ { "name": "agents-run", "features": { "agents_use": "enabled", "constructor": "enabled" } } ] }';
    expect(issuesOf(() => parseRolesPack(roles))[0]).toMatchObject({
      path: 'roles[0].features.constructor',
      message: 'the key "constructor" is not allowed',
    });
    const controls = '{ "apps": { "__proto__": { "enabled": true, "action_control": "allow_all" } } }';
    expect(issuesOf(() => parseControlsPack(controls))[0]).toMatchObject({
      path: 'apps.__proto__',
      message: 'the key "__proto__" is not allowed',
    });
    // "constructor" is valid lower_snake_case: before the guard it became an approval category.
    const policy =
      '{ "approval_required_actions": { "constructor": "human_required" }, "approval_logged_actions": {} }';
    expect(issuesOf(() => parsePolicyPack(policy))[0]).toMatchObject({
      path: 'approval_required_actions.constructor',
      line: 1,
      column: 34,
    });
    expectCleanPrototype();
  });

  it('still reads the four shipped packs', () => {
    for (const name of [
      '6.01-rbac-roles',
      '6.02-action-control-readonly',
      '6.03-approval-policy',
      '6.07-prelaunch-checklist',
    ]) {
      expect(() => parseJsonc(fixture(`hth-chatgpt-enterprise-${name}.jsonc`))).not.toThrow();
    }
  });
});

describe('catalogue files refuse hostile JSON', () => {
  it('names a forbidden key or a NUL, and still reads a real catalogue', () => {
    const file = JSON.parse(serializeCatalogue(builtinCatalogue('guide')));
    const text = JSON.stringify(file).replace('"apps":[{', '"apps":[{"__proto__":{"polluted":true},');
    expect(() => parseCatalogueFile(text)).toThrow('The key "__proto__" is not allowed (at "apps[0].__proto__").');
    file.apps[0].name = 'Gmail\u0000';
    expect(() => parseCatalogueFile(JSON.stringify(file))).toThrow(
      'The value at "apps[0].name" contains a NUL character.',
    );
    expect(() => parseCatalogueFile(serializeCatalogue(builtinCatalogue('strict')))).not.toThrow();
    expectCleanPrototype();
  });
});
