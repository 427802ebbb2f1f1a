// The pure SCIM pieces: mapping Users/Groups to roster rows, filters, PATCH, validation, rate limit.
import { describe, expect, it } from 'vitest';
import { ScimError } from './errors.ts';
import { parseFilter, parsePagination } from './filter.ts';
import { GROUP_DEF, parseGroup, toGroupResource } from './group-mapping.ts';
import { applyPatch, parsePatchBody } from './patch.ts';
import { TokenBuckets } from './rate-limit.ts';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, GROUP_SCHEMA } from './schema-defs.ts';
import { memberEmail, memberName, parseUser, toUserResource, USER_DEF } from './user-mapping.ts';

const user = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: 'Ann.Lee@Acme.com',
  ...extra,
});

function scimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('User mapping', () => {
  it('lower-cases the userName into the member email when no primary work email is given', () => {
    // No "active": unassigned (a new member is created active; an existing one keeps its status).
    expect(parseUser(user()).fields).toEqual({
      userName: 'Ann.Lee@Acme.com',
      email: 'ann.lee@acme.com',
      name: null,
      externalId: null,
      status: null,
    });
  });

  it('prefers the primary work email (an Entra UPN is not always the mailbox), and ignores a primary home one', () => {
    expect(
      memberEmail({
        userName: 'alee@corp.onmicrosoft.com',
        emails: [
          { value: 'home@x.org', type: 'home' },
          { value: 'Ann@Acme.com', type: 'work', primary: true },
        ],
      }),
    ).toBe('ann@acme.com');
    expect(
      memberEmail({ userName: 'ann@acme.com', emails: [{ value: 'me@home.org', type: 'home', primary: true }] }),
    ).toBe('ann@acme.com');
    expect(memberEmail({ userName: 'alee', emails: [{ value: 'alee@acme.com', type: 'work' }] })).toBe('alee@acme.com');
  });

  it('refuses a userName that is no email when no work email says otherwise', () => {
    const error = scimError(() => parseUser(user({ userName: 'alee' })));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
    expect(error.message).toContain('userName "alee" is not an email address');
  });

  it('takes name.formatted, else given + family, else displayName', () => {
    expect(memberName({ name: { formatted: 'Dr Ann Lee', givenName: 'Ann' } })).toBe('Dr Ann Lee');
    expect(memberName({ name: { givenName: 'Ann', familyName: 'Lee' } })).toBe('Ann Lee');
    expect(memberName({ displayName: 'Ann L.' })).toBe('Ann L.');
    expect(memberName({})).toBeNull();
  });

  it('maps active=false (also Entra\'s "False" string) to deactivated, keeps externalId, drops the password', () => {
    const { fields, resource } = parseUser(user({ active: 'False', externalId: 'okta-1', password: 'hunter2' }));
    expect(fields.status).toBe('deactivated');
    expect(fields.externalId).toBe('okta-1');
    expect(resource).not.toHaveProperty('password');
  });

  it('names an unknown attribute, also inside a complex one', () => {
    expect(scimError(() => parseUser(user({ favouriteColour: 'red' }))).message).toBe(
      'Unknown attribute "favouriteColour".',
    );
    expect(scimError(() => parseUser(user({ name: { nickname: 'x' } }))).message).toBe(
      'Unknown attribute "name.nickname".',
    );
    expect(scimError(() => parseUser(user({ emails: 'a@b.c' }))).message).toBe('Attribute "emails" must be an array.');
    expect(scimError(() => parseUser({ ...user(), schemas: [USER_SCHEMA, 'urn:acme:custom'] })).message).toBe(
      'Unknown schema "urn:acme:custom".',
    );
  });

  it('accepts attribute names in any case and the Enterprise extension, canonicalising them', () => {
    const { resource } = parseUser({
      schemas: [USER_SCHEMA],
      USERNAME: 'a@b.co',
      Name: { GivenName: 'A' },
      [ENTERPRISE_USER_SCHEMA]: { department: 'Eng' },
    });
    expect(resource).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'a@b.co',
      name: { givenName: 'A' },
      [ENTERPRISE_USER_SCHEMA]: { department: 'Eng' },
    });
  });

  it("accepts Entra's manager as a bare id, and an Entra PATCH of a work email and the manager", () => {
    const { resource } = parseUser(
      user({ schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { manager: 'm-42' } }),
    );
    expect(resource[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: 'm-42' } });
    const patched = applyPatch(
      user({ emails: [{ value: 'ann.lee@acme.com', type: 'work', primary: true }] }),
      parsePatchBody(
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [
            { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann@acme.com' },
            { op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: 'm-7' },
          ],
        },
        USER_DEF,
      ),
      USER_DEF,
    );
    expect(parseUser(patched).fields.email).toBe('ann@acme.com');
    expect(parseUser(patched).resource[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: 'm-7' } });
  });

  it('answers with the stored resource, the server id, active from the status and meta.version W/"n"', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const out = toUserResource(
      {
        id: 'm1',
        email: 'a@b.co',
        userName: 'A@b.co',
        name: 'A',
        externalId: 'x1',
        status: 'deactivated',
        scim: { schemas: [USER_SCHEMA], userName: 'A@b.co', title: 'CFO' },
        version: 3,
        createdAt: at,
        updatedAt: at,
        groups: [{ id: 'g1', displayName: 'agents-run' }],
      },
      'https://tg.example/scim/v2',
    );
    expect(out).toMatchObject({
      id: 'm1',
      externalId: 'x1',
      active: false,
      title: 'CFO',
      groups: [{ value: 'g1', display: 'agents-run' }],
    });
    expect(out.meta).toEqual({
      resourceType: 'User',
      created: at.toISOString(),
      lastModified: at.toISOString(),
      location: 'https://tg.example/scim/v2/Users/m1',
      version: 'W/"3"',
    });
  });
});

describe('Group mapping', () => {
  it('keeps members apart from the stored resource and refuses nested groups', () => {
    const parsed = parseGroup({
      schemas: [GROUP_SCHEMA],
      displayName: ' agents-build ',
      members: [{ value: 'm1' }, { value: 'm1' }, { value: 'm2', type: 'User' }],
    });
    expect(parsed.fields).toEqual({ displayName: 'agents-build', externalId: null, memberIds: ['m1', 'm2'] });
    expect(parsed.resource).not.toHaveProperty('members');
    expect(
      scimError(() =>
        parseGroup({ schemas: [GROUP_SCHEMA], displayName: 'x', members: [{ value: 'g2', type: 'Group' }] }),
      ).message,
    ).toContain('nested groups are not supported');
    expect(scimError(() => parseGroup({ schemas: [GROUP_SCHEMA] })).message).toBe(
      'Attribute "displayName" is required.',
    );
  });

  it('leaves members out when asked to (excludedAttributes=members)', () => {
    const at = new Date();
    const row = { id: 'g1', displayName: 'x', externalId: null, scim: null, version: 1, createdAt: at, updatedAt: at };
    expect(toGroupResource(row, null, 'https://t/scim/v2')).not.toHaveProperty('members');
    expect(toGroupResource(row, [{ id: 'm1', email: 'a@b.co', name: null }], 'https://t/scim/v2').members).toEqual([
      { value: 'm1', $ref: 'https://t/scim/v2/Users/m1', display: 'a@b.co', type: 'User' },
    ]);
  });
});

describe('filters and pagination', () => {
  it('reads eq filters joined by and, attribute names in any case', () => {
    expect(parseFilter('User', 'userName eq "Ann@Acme.com"')).toEqual([
      { attribute: 'userName', value: 'Ann@Acme.com' },
    ]);
    expect(parseFilter('User', 'USERNAME eq "a" and externalId eq "b"')).toEqual([
      { attribute: 'userName', value: 'a' },
      { attribute: 'externalId', value: 'b' },
    ]);
    expect(parseFilter('User', 'emails[value eq "a@b.co"]')).toEqual([{ attribute: 'emails.value', value: 'a@b.co' }]);
    expect(parseFilter('Group', 'displayName eq "Eng"')).toEqual([{ attribute: 'displayName', value: 'Eng' }]);
    expect(parseFilter('User', null)).toEqual([]);
  });

  it('refuses bad syntax, other operators and unknown attributes as invalidFilter', () => {
    for (const text of [
      'userName eq',
      'userName eqq "x"',
      'userName co "x"',
      'title eq "x"',
      'userName eq "a" or userName eq "b"',
    ]) {
      expect(scimError(() => parseFilter('User', text)).scimType, text).toBe('invalidFilter');
    }
    expect(scimError(() => parseFilter('Group', 'userName eq "x"')).message).toContain(
      'Cannot filter Groups on "userName"',
    );
  });

  it('clamps startIndex and count', () => {
    expect(parsePagination(new URLSearchParams(''), 200)).toEqual({ startIndex: 1, count: 200 });
    expect(parsePagination(new URLSearchParams('startIndex=0&count=5000'), 200)).toEqual({ startIndex: 1, count: 200 });
    expect(parsePagination(new URLSearchParams('startIndex=3&count=-1'), 200)).toEqual({ startIndex: 3, count: 0 });
    expect(scimError(() => parsePagination(new URLSearchParams('count=ten'), 200)).status).toBe(400);
  });
});

describe('PATCH', () => {
  const body = (...Operations: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations,
  });

  it('applies Entra\'s members[value eq "…"] remove path and capitalised ops', () => {
    const ops = parsePatchBody(
      body({ op: 'Remove', path: 'members[value eq "m1"]' }, { op: 'Add', path: 'members', value: [{ value: 'm3' }] }),
      GROUP_DEF,
    );
    expect(
      applyPatch({ displayName: 'x', members: [{ value: 'm1' }, { value: 'm2' }] }, ops, GROUP_DEF).members,
    ).toEqual([{ value: 'm2' }, { value: 'm3' }]);
  });

  it('applies a path-less replace (Okta deactivation) without touching the input', () => {
    const input = { userName: 'a@b.co', active: true };
    expect(
      applyPatch(input, parsePatchBody(body({ op: 'replace', value: { active: false } }), USER_DEF), USER_DEF),
    ).toEqual({ userName: 'a@b.co', active: false });
    expect(input.active).toBe(true);
  });

  it('accepts a path-less replace echoing id, meta and schemas (as Okta renames groups), keeping neither', () => {
    const ops = parsePatchBody(
      body({
        op: 'replace',
        value: { schemas: [USER_SCHEMA], id: 'x', meta: { version: 'W/"9"' }, userName: 'b@c.de', active: false },
      }),
      USER_DEF,
    );
    expect(parseUser(applyPatch({ schemas: [USER_SCHEMA], userName: 'a@b.co' }, ops, USER_DEF)).resource).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'b@c.de',
      active: false,
    });
    const rename = parsePatchBody(body({ op: 'replace', value: { id: 'g1', displayName: 'renamed' } }), GROUP_DEF);
    expect(
      parseGroup(applyPatch({ schemas: [GROUP_SCHEMA], displayName: 'x' }, rename, GROUP_DEF)).fields.displayName,
    ).toBe('renamed');
  });

  it('refuses a bad envelope, op or path with the RFC scimType', () => {
    expect(scimError(() => parsePatchBody({ Operations: [] }, USER_DEF)).scimType).toBe('invalidSyntax');
    expect(scimError(() => parsePatchBody(body({ op: 'move', path: 'x' }), USER_DEF)).message).toContain(
      'must be add, remove or replace',
    );
    expect(scimError(() => parsePatchBody(body({ op: 'remove' }), USER_DEF)).scimType).toBe('noTarget');
    expect(
      scimError(() =>
        applyPatch(
          { emails: [] },
          parsePatchBody(body({ op: 'replace', path: 'emails[type eq', value: 'x' }), USER_DEF),
          USER_DEF,
        ),
      ).scimType,
    ).toBe('invalidPath');
  });
});

describe('rate limit', () => {
  it('allows a burst, then answers how long to wait, and refills with time', () => {
    const buckets = new TokenBuckets({ capacity: 3, perSecond: 0.5 });
    expect([0, 1, 2].map(() => buckets.take('t1', 1000))).toEqual([0, 0, 0]);
    expect(buckets.take('t1', 1000)).toBe(2);
    expect(buckets.take('t2', 1000)).toBe(0);
    expect(buckets.take('t1', 3000)).toBe(0);
  });
});
