// For property tests: random and hostile SCIM PATCH bodies (fast-check), shaped as they arrive over HTTP
// (through JSON text, so a "__proto__" key is an own property, exactly as JSON.parse makes it).
import fc from 'fast-check';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-defs.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const FORBIDDEN = ['__proto__', 'constructor', 'prototype', '__PROTO__', 'Constructor', 'PROTOTYPE'];
const WORDS = [
  'userName',
  'name',
  'givenName',
  'familyName',
  'formatted',
  'emails',
  'value',
  'type',
  'primary',
  'active',
  'title',
  'externalId',
  'id',
  'meta',
  'schemas',
  'groups',
  'members',
  'display',
  'displayName',
  '$ref',
  'department',
  'manager',
  'x',
  '',
];
const KNOWN_PATHS = {
  User: [
    'userName',
    'active',
    'title',
    'name',
    'name.givenName',
    'emails',
    'emails[type eq "work"].value',
    'emails[primary eq true]',
    'externalId',
    ENTERPRISE_USER_SCHEMA,
    `${ENTERPRISE_USER_SCHEMA}:department`,
    `${ENTERPRISE_USER_SCHEMA}:manager`,
    'groups',
  ],
  Group: ['displayName', 'members', 'members[value eq "m1"]', 'members[value eq "m2"].display', 'externalId', 'id'],
};

const baseline = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
/** Object.prototype has exactly the properties it started with, and none of the names the generators use. */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join(',') === baseline &&
    [...WORDS, 'polluted'].every((w) => w === '' || !(w in probe) || w === 'constructor')
  );
}

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 10 }));
const forbidden = fc.constantFrom(...FORBIDDEN);

function pathOf(kind: 'User' | 'Group', segment: fc.Arbitrary<string>) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...KNOWN_PATHS[kind]) },
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
    fc
      .tuple(
        segment,
        segment,
        fc.constantFrom('eq', 'co', 'sw', 'pr', 'gt'),
        fc.string({ maxLength: 8 }),
        fc.option(segment, { nil: undefined }),
      )
      .map(
        ([attr, sub, op, literal, after]) =>
          `${attr}[${sub} ${op} ${JSON.stringify(literal)}]${after === undefined ? '' : `.${after}`}`,
      ),
    fc
      .tuple(fc.constantFrom(ENTERPRISE_USER_SCHEMA, USER_SCHEMA, GROUP_SCHEMA), segment)
      .map(([urn, attr]) => `${urn}:${attr}`),
    fc.string({ maxLength: 30 }),
  );
}

const value = (key: fc.Arbitrary<string>) =>
  fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      { weight: 3, arbitrary: fc.constantFrom('True', 'false', 'ann@acme.com', 'm1', 'Ann Lee', true, false) },
      { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', 'a\udc00') },
      { weight: 2, arbitrary: fc.dictionary(key, tie('v'), { maxKeys: 4 }) },
      { weight: 2, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
      {
        weight: 2,
        arbitrary: fc.dictionary(
          fc.constantFrom(
            ENTERPRISE_USER_SCHEMA,
            `${ENTERPRISE_USER_SCHEMA}:department`,
            'active',
            'title',
            'displayName',
            'members',
          ),
          tie('v'),
          { maxKeys: 2 },
        ),
      },
    ),
  })).v;

function operation(kind: 'User' | 'Group', segment: fc.Arbitrary<string>, key: fc.Arbitrary<string>) {
  return fc.record(
    {
      op: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom('add', 'remove', 'replace', 'Add', 'Replace', 'REMOVE') },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom('move', ''), fc.string({ maxLength: 6 })) },
      ),
      path: fc.oneof(
        { weight: 9, arbitrary: pathOf(kind, segment) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
      ),
      value: value(key),
    },
    { requiredKeys: ['op', 'value'] },
  );
}

/** Sets an own, enumerable property, even "__proto__" (as JSON.parse does). */
function withKey(target: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Through JSON text and back, as a body arrives; a "__proto__" key stays an own property. */
const asReceived = (body: unknown): unknown => JSON.parse(JSON.stringify(body) ?? 'null');

/** A PATCH body: mostly well-formed envelopes of random operations, sometimes any JSON at all. With
 *  `forbiddenOnly`, each body also carries a forbidden word in an operation's path or in a key at some depth. */
export function hostileBody(kind: 'User' | 'Group', options: { forbiddenOnly?: boolean } = {}): fc.Arbitrary<unknown> {
  // Mostly plausible, so that many bodies get past the envelope and reach scim-patch and the validation.
  const segment = fc.oneof({ weight: 12, arbitrary: word }, { weight: 1, arbitrary: forbidden });
  const key = fc.oneof({ weight: 12, arbitrary: word }, { weight: 1, arbitrary: forbidden });
  const schemas = fc.oneof(
    { weight: 12, arbitrary: fc.constant([PATCH_OP]) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const envelope = fc.record({
    schemas,
    Operations: fc.array(operation(kind, segment, key), { minLength: 1, maxLength: 3 }),
  });
  const any = fc.oneof({ weight: 12, arbitrary: envelope }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
  if (!options.forbiddenOnly) return any.map(asReceived);
  return fc
    .tuple(
      envelope,
      forbidden,
      fc.nat(),
      fc.constantFrom('path', 'valueKey', 'bodyKey', 'withoutPathKey'),
      fc.array(word, { maxLength: 3 }),
    )
    .map(([body, bad, at, where, around]) => {
      const ops = body.Operations as Record<string, unknown>[];
      const op = ops[at % ops.length]!;
      if (where === 'path') op.path = [...around.slice(0, 1), bad, ...around.slice(1)].join('.');
      else if (where === 'valueKey')
        op.value = around.reduceRight<unknown>((inner, k) => ({ [k]: inner }), withKey({}, bad, { polluted: true }));
      else if (where === 'withoutPathKey') {
        delete op.path;
        op.value = withKey({}, [...around, bad].join('.'), 'y');
      } else withKey(body as Record<string, unknown>, bad, { polluted: true });
      return asReceived(body);
    });
}

/**
 * Well-formed PATCH bodies an IdP would send (`memberId`: a real user for Group members), to mix with the hostile ones.
 */
export function plausibleBody(kind: 'User' | 'Group', memberId = 'm1'): fc.Arbitrary<unknown> {
  const text = fc.string({ minLength: 1, maxLength: 20 });
  const user: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.record({
      op: fc.constantFrom('replace', 'Replace', 'add'),
      path: fc.constantFrom('title', 'displayName', 'name.givenName', `${ENTERPRISE_USER_SCHEMA}:department`),
      value: text,
    }),
    fc.record({
      op: fc.constantFrom('replace', 'Replace'),
      path: fc.constant('active'),
      value: fc.constantFrom(true, false, 'True', 'False'),
    }),
    fc.record({
      op: fc.constant('replace'),
      value: fc.record({ title: text, active: fc.boolean() }, { requiredKeys: [] }),
    }),
    fc.record({
      op: fc.constant('add'),
      value: fc.record({
        [ENTERPRISE_USER_SCHEMA]: fc.record({ department: text, costCenter: text }, { requiredKeys: [] }),
      }),
    }),
    fc.record({
      op: fc.constantFrom('remove', 'Remove'),
      path: fc.constantFrom('title', 'active', 'name', ENTERPRISE_USER_SCHEMA, `${ENTERPRISE_USER_SCHEMA}:department`),
    }),
  );
  const group: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.record({
      op: fc.constantFrom('add', 'Add'),
      path: fc.constant('members'),
      value: fc.constant([{ value: memberId }]),
    }),
    fc.record({ op: fc.constantFrom('remove', 'Remove'), path: fc.constant(`members[value eq "${memberId}"]`) }),
    fc.record({ op: fc.constant('replace'), path: fc.constant('displayName'), value: text }),
    fc.record({ op: fc.constant('replace'), value: fc.record({ id: fc.constant('ignored'), displayName: text }) }),
  );
  return fc
    .array(kind === 'User' ? user : group, { minLength: 1, maxLength: 3 })
    .map((Operations) => asReceived({ schemas: [PATCH_OP], Operations }));
}
