// An authenticated attacker with a SCIM token (issue 15, items 1 and 7): hostile paths, keys and strings at
// every SCIM entry point answer a SCIM 400 and leave Object.prototype and the roster as they were; bad
// tokens are limited per client address.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { hostileBody, plausibleBody, prototypeIsClean } from './patch-arbitraries.fixture.ts';
import { TokenBuckets } from './rate-limit.ts';
import {
  ENTERPRISE,
  ERROR,
  GROUP,
  loadScimRoutes,
  PATCH_OP,
  scimClient,
  USER,
  workspaceWithToken,
  type ScimAnswer,
} from './routes.fixture.ts';

let db: Db;
let scim: ReturnType<typeof scimClient>;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('scim_hostile');
  delete process.env.AUTH_URL;
  db = createDb(process.env.DATABASE_URL);
  scim = scimClient(await loadScimRoutes());
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototype = prototypeNames();
const expectCleanPrototype = () => {
  expect(prototypeNames()).toEqual(cleanPrototype);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};
const expectScimError = (res: ScimAnswer, status: number, scimType?: string) => {
  expect(res.headers.get('content-type')).toBe('application/scim+json');
  expect(res.json).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
};
// JSON.stringify drops a literal __proto__ key: hostile bodies are written as text, as an attacker would.
const patch = (ops: string) => `{"schemas":["${PATCH_OP}"],"Operations":[${ops}]}`;

describe('SCIM refuses prototype pollution at every entry point', () => {
  it('answers 400 to __proto__ / constructor / prototype in paths, value keys, bodies, filters; works on', async () => {
    const token = await workspaceWithToken(db, 'ws-hostile');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'ann@acme.com', active: true })).json;
    const group = (
      await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'g', members: [{ value: user.id }] })
    ).json;
    const before = await db.member.findUniqueOrThrow({ where: { id: user.id } });

    const paths = [
      '__proto__.x',
      '__PROTO__.x',
      'constructor.prototype.x',
      'Constructor.Prototype.polluted',
      'name.__proto__',
      'emails[value eq "a"].__proto__',
      `${ENTERPRISE}:__proto__`,
      'prototype',
    ];
    const requests: [string, string, string, string][] = [
      ...paths.map((p): [string, string, string, string] => [
        'PATCH',
        `Users/${user.id}`,
        patch(`{"op":"add","path":${JSON.stringify(p)},"value":"y"}`),
        'invalidPath',
      ]),
      ...paths.map((p): [string, string, string, string] => [
        'PATCH',
        `Groups/${group.id}`,
        patch(`{"op":"replace","path":${JSON.stringify(p)},"value":"y"}`),
        'invalidPath',
      ]),
      ['PATCH', `Users/${user.id}`, patch('{"op":"add","value":{"__proto__":{"polluted":"y"}}}'), 'invalidValue'],
      ['PATCH', `Users/${user.id}`, patch('{"op":"add","value":{"name.__proto__.x":"y"}}'), 'invalidPath'],
      [
        'PATCH',
        `Users/${user.id}`,
        patch('{"op":"replace","value":{"constructor":{"prototype":{"x":"y"}}}}'),
        'invalidValue',
      ],
      [
        'PATCH',
        `Users/${user.id}`,
        patch('{"op":"add","path":"name","value":{"givenName":"A","__proto__":{"x":"y"}}}'),
        'invalidValue',
      ],
      [
        'PATCH',
        `Users/${user.id}`,
        patch(`{"op":"add","value":{"${ENTERPRISE}":{"constructor":{"x":"y"}}}}`),
        'invalidValue',
      ],
      [
        'PATCH',
        `Groups/${group.id}`,
        patch('{"op":"add","path":"members","value":[{"value":"m","__proto__":{"x":"y"}}]}'),
        'invalidValue',
      ],
      [
        'POST',
        'Users',
        `{"schemas":["${USER}"],"userName":"eve@acme.com","__proto__":{"polluted":"y"}}`,
        'invalidValue',
      ],
      [
        'POST',
        'Users',
        `{"schemas":["${USER}"],"userName":"eve@acme.com","name":{"PROTOTYPE":{"x":1}}}`,
        'invalidValue',
      ],
      [
        'PUT',
        `Users/${user.id}`,
        `{"schemas":["${USER}"],"userName":"ann@acme.com",` +
          '"emails":[{"value":"ann@acme.com","constructor":{"prototype":{"x":1}}}]}',
        'invalidValue',
      ],
      ['POST', 'Groups', `{"schemas":["${GROUP}"],"displayName":"h","__proto__":{"x":"y"}}`, 'invalidValue'],
      [
        'PUT',
        `Groups/${group.id}`,
        `{"schemas":["${GROUP}"],"displayName":"g","constructor":{"x":"y"}}`,
        'invalidValue',
      ],
      ['GET', `Users?filter=${encodeURIComponent('__proto__ eq "x"')}`, '', 'invalidFilter'],
      ['GET', `Users?filter=${encodeURIComponent('constructor eq "x"')}`, '', 'invalidFilter'],
      ['GET', `Groups?filter=${encodeURIComponent('constructor.prototype eq "x"')}`, '', 'invalidFilter'],
      ['GET', 'Users?attributes=__proto__', '', 'invalidValue'],
      ['GET', `Groups/${group.id}?excludedAttributes=constructor`, '', 'invalidValue'],
    ];
    for (const [method, path, body, scimType] of requests) {
      const res = await scim(token, method, path, body || undefined);
      expect([res.status, res.json?.scimType], `${method} ${path} ${body}`).toEqual([400, scimType]);
      expectScimError(res, 400, scimType);
      expectCleanPrototype();
    }

    // Nothing was written, and the server still answers.
    expect(await db.member.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
    expect(await db.member.count({ where: { workspaceId: 'ws-hostile' } })).toBe(1);
    const again = await scim(token, 'GET', `Users/${user.id}`);
    expect([again.status, again.json.userName, again.json.meta.version]).toEqual([200, 'ann@acme.com', 'W/"1"']);
    const renamed = await scim(token, 'PATCH', `Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'name.givenName', value: 'Ann' }],
    });
    expect([renamed.status, renamed.json.name]).toEqual([200, { givenName: 'Ann' }]);
  });
});

describe('SCIM strings PostgreSQL cannot store', () => {
  it('answers 400 invalidValue (not 500) to a NUL or lone surrogate in any field, and 404 for such an id', async () => {
    const token = await workspaceWithToken(db, 'ws-nul');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'bo@acme.com' })).json;
    const bodies: [string, string, string][] = [
      ['POST', 'Users', `{"schemas":["${USER}"],"userName":"cy@acme.com","name":{"formatted":"C\\u0000y"}}`],
      ['POST', 'Users', `{"schemas":["${USER}"],"userName":"cy@acme.com","title":"\\ud800"}`],
      ['POST', 'Users', `{"schemas":["${USER}"],"userName":"cy@acme.com","${ENTERPRISE}":{"department":"x\\udfff"}}`],
      ['PUT', `Users/${user.id}`, `{"schemas":["${USER}"],"userName":"bo@acme.com","displayName":"\\u0000"}`],
      ['PATCH', `Users/${user.id}`, patch('{"op":"replace","path":"displayName","value":"B\\u0000"}')],
      ['PATCH', `Users/${user.id}`, patch('{"op":"replace","value":{"nickName":"\\ud83d"}}')],
      ['POST', 'Groups', `{"schemas":["${GROUP}"],"displayName":"g\\u0000"}`],
    ];
    for (const [method, path, body] of bodies) {
      const res = await scim(token, method, path, body);
      expect([res.status, res.json.scimType], `${method} ${path} ${body}`).toEqual([400, 'invalidValue']);
      expectScimError(res, 400, 'invalidValue');
    }
    const filtered = await scim(token, 'GET', `Users?filter=${encodeURIComponent('userName eq "bo\u0000"')}`);
    expectScimError(filtered, 400, 'invalidFilter');
    for (const path of ['Users/%00', 'Groups/a%00b']) expectScimError(await scim(token, 'GET', path), 404);
    expect(await db.member.count({ where: { workspaceId: 'ws-nul' } })).toBe(1);
    expect((await scim(token, 'GET', `Users/${user.id}`)).json.meta.version).toBe('W/"1"');
  });
});

describe('SCIM text that LIKE would read as a pattern', () => {
  it('"%", "_" and a trailing backslash are matched as themselves in filters and name checks, never 500', async () => {
    const token = await workspaceWithToken(db, 'ws-like');
    const ann = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'ann@acme.com' })).json;
    const find = async (filter: string) =>
      (await scim(token, 'GET', `Users?filter=${encodeURIComponent(filter)}`)).json.totalResults;
    expect([await find('userName eq "%@acme.com"'), await find('userName eq "ann_acme.com"')]).toEqual([0, 0]);
    expect(await find('userName eq "ANN@acme.com"')).toBe(1);
    // A new user named "%@acme.com" is a new user, not ann adopted by a pattern.
    const pct = await scim(token, 'POST', 'Users', { schemas: [USER], userName: '%@acme.com' });
    expect([pct.status, pct.json.id === ann.id]).toEqual([201, false]);
    for (const displayName of ['ops\\', 'o_s', '100%']) {
      const made = await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName });
      expect([made.status, made.json.displayName]).toEqual([201, displayName]);
      const renamed = await scim(token, 'PATCH', `Groups/${made.json.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: `${displayName}\\` }],
      });
      expect(renamed.status).toBe(200);
    }
    // "oxs" is not taken by "o_s"; "100%" is taken by itself, whatever the case.
    expect((await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'oxs' })).status).toBe(201);
    expectScimError(await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: '100%\\' }), 409);
  });
});

describe('failed SCIM authentications per client address', () => {
  it('answers 429 with Retry-After in SCIM format once an address spends its failures, others unaffected', async () => {
    const token = await workspaceWithToken(db, 'ws-guess');
    const shared = globalThis as unknown as { tollgateScimFailures?: TokenBuckets };
    const saved = shared.tollgateScimFailures;
    // Three failures, refilled once an hour, so the test never depends on how fast it runs.
    shared.tollgateScimFailures = new TokenBuckets({ capacity: 3, perSecond: 1 / 3600 });
    try {
      const guess = (i: number, ip: string) =>
        scim(`tg_scim_${String(i).padStart(43, 'A')}`, 'GET', 'Users', undefined, { 'x-forwarded-for': ip });
      for (let i = 0; i < 3; i++) expectScimError(await guess(i, '203.0.113.7'), 401);
      const limited = await guess(3, '203.0.113.7');
      expectScimError(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
      // A client-written X-Forwarded-For entry in front of the proxy's does not reset the limit.
      expectScimError(await guess(4, '198.51.100.1, 203.0.113.7'), 429);
      // Another address is not limited, and a good token from it works.
      expectScimError(await guess(5, '192.0.2.9'), 401);
      expect((await scim(token, 'GET', 'Users', undefined, { 'x-forwarded-for': '192.0.2.9' })).status).toBe(200);
    } finally {
      shared.tollgateScimFailures = saved;
    }
  });
});

describe('SCIM PATCH through the route under random and hostile operations', () => {
  it('answers 200 or a SCIM 4xx, never 500; on an error the stored user or group is unchanged', async () => {
    // 120+ PATCHes with one token: a bucket that never runs dry, so every answer is about the body, never a
    // 429 that depends on how fast this machine runs them.
    const shared = globalThis as unknown as { tollgateScimBuckets?: TokenBuckets };
    const saved = shared.tollgateScimBuckets;
    shared.tollgateScimBuckets = new TokenBuckets({ capacity: 1e6, perSecond: 1e6 });
    onTestFinished(() => {
      shared.tollgateScimBuckets = saved;
    });
    const token = await workspaceWithToken(db, 'ws-fuzz');
    const user = (
      await scim(token, 'POST', 'Users', {
        schemas: [USER, ENTERPRISE],
        userName: 'fuzz@acme.com',
        active: false,
        [ENTERPRISE]: { department: 'Eng' },
      })
    ).json;
    const other = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'other@acme.com' })).json;
    const group = (
      await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'fuzz', members: [{ value: user.id }] })
    ).json;
    const rowOf = (kind: 'User' | 'Group') =>
      kind === 'User'
        ? db.member.findUniqueOrThrow({ where: { id: user.id } })
        : db.group.findUniqueOrThrow({ where: { id: group.id }, include: { members: true } });
    for (const [kind, path] of [
      ['User', `Users/${user.id}`],
      ['Group', `Groups/${group.id}`],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(hostileBody(kind), plausibleBody(kind, other.id)), async (body) => {
          const before = await rowOf(kind);
          const res = await scim(token, 'PATCH', path, JSON.stringify(body));
          expect(
            res.status === 200 || (res.status >= 400 && res.status < 500),
            `${res.status} ${JSON.stringify(res.json)}`,
          ).toBe(true);
          if (res.status !== 200) {
            expectScimError(res, res.status);
            expect(await rowOf(kind)).toEqual(before);
          }
          expect(prototypeIsClean()).toBe(true);
        }),
        { numRuns: kind === 'User' ? 80 : 40 },
      );
    }
    expect((await scim(token, 'GET', `Users/${user.id}`)).status).toBe(200);
  });
});
