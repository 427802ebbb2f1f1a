// Random and hostile PATCH bodies against the PATCH parser, scim-patch and the PUT validation behind it
// (issue 15, "done means"): each either succeeds or fails with a SCIM 4xx error, never anything else;
// Object.prototype is never polluted; the resource patched is never changed in place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_DEF } from './group-mapping.ts';
import { ScimError } from './errors.ts';
import { hostileBody, plausibleBody, prototypeIsClean } from './patch-arbitraries.fixture.ts';
import { applyPatch, parsePatchBody } from './patch.ts';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-defs.ts';
import { parseUser, USER_DEF } from './user-mapping.ts';
import { parseGroup } from './group-mapping.ts';
import { findJsonProblem } from '@/lib/http/safe-json.ts';

const storedUser = {
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  userName: 'ann@acme.com',
  name: { givenName: 'Ann', familyName: 'Lee' },
  emails: [{ value: 'ann@acme.com', type: 'work', primary: true }],
  active: false,
  [ENTERPRISE_USER_SCHEMA]: { department: 'Eng', manager: { value: 'm-1' } },
};
const storedGroup = { schemas: [GROUP_SCHEMA], displayName: 'eng', members: [{ value: 'm1' }, { value: 'm2' }] };

/** Runs the pipeline a PATCH goes through; returns 'ok' or the SCIM error's status. Anything else is thrown. */
function patchOutcome(resource: Record<string, unknown>, body: unknown, kind: 'User' | 'Group'): number | 'ok' {
  try {
    const def = kind === 'User' ? USER_DEF : GROUP_DEF;
    const patched = applyPatch(resource, parsePatchBody(body, def), def);
    if (kind === 'User') parseUser(patched);
    else parseGroup(patched);
    return 'ok';
  } catch (error) {
    if (error instanceof ScimError) {
      expect(error.message.length).toBeGreaterThan(0);
      return error.status;
    }
    throw error;
  }
}

describe('SCIM PATCH under random and hostile operations', () => {
  it.each([
    ['User', storedUser],
    ['Group', storedGroup],
  ] as const)('a %s: success or a SCIM 4xx, never a throw, never pollution, input untouched', (kind, stored) => {
    fc.assert(
      fc.property(fc.oneof(hostileBody(kind), plausibleBody(kind)), (body) => {
        const resource = structuredClone(stored) as Record<string, unknown>;
        const outcome = patchOutcome(resource, body, kind);
        if (outcome !== 'ok') expect(outcome).toBeGreaterThanOrEqual(400);
        if (outcome !== 'ok') expect(outcome).toBeLessThan(500);
        expect(resource).toEqual(stored);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses every operation that names a forbidden word, whatever else it holds', () => {
    fc.assert(
      fc.property(hostileBody('User', { forbiddenOnly: true }), (body) => {
        expect(patchOutcome(structuredClone(storedUser), body, 'User')).toBe(400);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a POST or PUT body of any JSON: the guard and the validation answer ok or a SCIM 400, never a throw', () => {
    const attribute = fc.constantFrom(
      'schemas',
      'userName',
      'name',
      'emails',
      'active',
      'displayName',
      'members',
      ENTERPRISE_USER_SCHEMA,
      '__proto__',
      'constructor',
    );
    const resource = fc.dictionary(
      attribute,
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant([USER_SCHEMA]), fc.constant('ann@acme.com')),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(
        fc.oneof(resource, fc.jsonValue({ maxDepth: 3 })),
        fc.constantFrom(parseUser, parseGroup),
        (raw, parse) => {
          const body = JSON.parse(JSON.stringify(raw)) as unknown;
          try {
            const problem = findJsonProblem(body);
            if (problem) return;
            parse(body);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).status).toBe(400);
          }
          expect(prototypeIsClean()).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
