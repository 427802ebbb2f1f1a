// What a SCIM 2.0 conformance tester found (issue 15, item 9), each checked through the route handlers against
// a real PostgreSQL: errors in SCIM JSON everywhere (RFC 7644 §3.12), attributes/excludedAttributes (§3.9),
// path-less PATCH of the Enterprise extension (§3.5.2.1, §3.5.2.3) and its removal, unassigned `active`
// (§3.5.2.2), read-only members.display, If-Match (§3.14), and the documented email rule for userName.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
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
  process.env.DATABASE_URL = await createTestDatabase('scim_conformance');
  delete process.env.AUTH_URL;
  db = createDb(process.env.DATABASE_URL);
  scim = scimClient(await loadScimRoutes());
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const expectScimError = (res: ScimAnswer, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/scim+json');
  expect(res.json).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
};
const ops = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

describe('SCIM 2.0 conformance', () => {
  it('answers every unknown path and unsupported method with a SCIM JSON error', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-paths');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'ann@acme.com' })).json;
    const cases: [string, string, number][] = [
      ['GET', '', 404],
      ['GET', 'Widgets', 404],
      ['POST', 'Widgets/1', 404],
      ['GET', `Users/${user.id}/extra`, 404],
      ['POST', '.search', 501],
      ['POST', 'Users/.search', 400],
      ['DELETE', 'Users', 405],
      ['PUT', 'Groups', 405],
      ['PATCH', 'Users', 405],
      ['POST', `Users/${user.id}`, 405],
      ['POST', 'ServiceProviderConfig', 405],
      ['DELETE', 'Schemas', 405],
      ['PUT', `ResourceTypes/User`, 405],
    ];
    for (const [method, path, status] of cases) {
      const res = await scim(token, method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(status);
      expectScimError(res, status);
    }
    expect((await scim(token, 'DELETE', 'Users')).headers.get('allow')).toBe('GET, POST');
    // Unknown paths still need a token: nothing answers anonymously.
    expectScimError(await scim(null, 'GET', 'Widgets'), 401);
  });

  it('answers POST /Users/.search and /Groups/.search like the GET list (RFC 7644 §3.4.3)', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-search');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'gus@acme.com', title: 'CTO' })).json;
    await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'hal@acme.com' });
    await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'cto-office', members: [{ value: user.id }] });
    const request = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "GUS@acme.com"',
      attributes: ['userName', 'title'],
      startIndex: 1,
      count: 10,
    };
    const found = await scim(token, 'POST', 'Users/.search', request);
    expect([found.status, found.json.totalResults, found.json.Resources]).toEqual([
      200,
      1,
      [{ schemas: [USER], id: user.id, userName: 'gus@acme.com', title: 'CTO' }],
    ]);
    const groups = await scim(token, 'POST', 'Groups/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      excludedAttributes: ['members'],
    });
    expect(groups.json.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect(
      (
        await scim(token, 'POST', 'Users/.search', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          count: 0,
        })
      ).json.totalResults,
    ).toBe(2);
    expectScimError(
      await scim(token, 'POST', 'Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        sortBy: 'userName',
      }),
      400,
    );
    expectScimError(
      await scim(token, 'POST', 'Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'title co "C"',
      }),
      400,
    );
  });

  it('honours attributes and excludedAttributes on GET, list and single, for Users and Groups', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-attrs');
    const body = {
      schemas: [USER, ENTERPRISE],
      userName: 'bo@acme.com',
      name: { givenName: 'Bo', familyName: 'Li' },
      title: 'CFO',
      emails: [{ value: 'bo@acme.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Fin', costCenter: 'C1' },
    };
    const user = (await scim(token, 'POST', 'Users', body)).json;
    await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'fin', members: [{ value: user.id }] });

    const only = await scim(
      token,
      'GET',
      `Users/${user.id}?attributes=userName,name.givenName,emails.value,${ENTERPRISE}:department`,
    );
    expect(only.json).toEqual({
      schemas: [USER, ENTERPRISE],
      id: user.id,
      userName: 'bo@acme.com',
      name: { givenName: 'Bo' },
      emails: [{ value: 'bo@acme.com' }],
      [ENTERPRISE]: { department: 'Fin' },
    });
    const without = await scim(
      token,
      'GET',
      `Users/${user.id}?excludedAttributes=title,meta,groups,emails.type,${ENTERPRISE}`,
    );
    expect(without.json).not.toHaveProperty('title');
    expect(without.json).not.toHaveProperty('meta');
    expect(without.json).not.toHaveProperty(ENTERPRISE);
    expect(without.json.emails).toEqual([{ value: 'bo@acme.com', primary: true }]);
    expect(without.json).toMatchObject({
      id: user.id,
      userName: 'bo@acme.com',
      name: { givenName: 'Bo', familyName: 'Li' },
    });

    const listed = await scim(
      token,
      'GET',
      `Users?filter=${encodeURIComponent('userName eq "bo@acme.com"')}&attributes=USERNAME`,
    );
    expect(listed.json.Resources).toEqual([{ schemas: [USER, ENTERPRISE], id: user.id, userName: 'bo@acme.com' }]);
    const groups = await scim(token, 'GET', 'Groups?attributes=displayName');
    expect(groups.json.Resources).toEqual([{ schemas: [GROUP], id: expect.any(String), displayName: 'fin' }]);
    const noMembers = await scim(token, 'GET', `Groups/${groups.json.Resources[0].id}?excludedAttributes=members`);
    expect(noMembers.json).not.toHaveProperty('members');
    expect(noMembers.json.displayName).toBe('fin');
  });

  it('accepts a path-less add/replace keyed by the Enterprise extension URN, and removes the extension', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-ext');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'cy@acme.com', active: true })).json;

    const added = await scim(
      token,
      'PATCH',
      `Users/${user.id}`,
      ops({ op: 'add', value: { [ENTERPRISE]: { department: 'Eng', manager: { value: 'boss-1' } }, title: 'Dev' } }),
    );
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({
      title: 'Dev',
      [ENTERPRISE]: { department: 'Eng', manager: { value: 'boss-1' } },
    });
    expect(added.json.schemas).toEqual([USER, ENTERPRISE]);

    const replaced = await scim(
      token,
      'PATCH',
      `Users/${user.id}`,
      ops({ op: 'Replace', value: { [ENTERPRISE.toLowerCase()]: { department: 'Ops' } } }),
    );
    expect(replaced.status).toBe(200);
    // Replace of a complex attribute's sub-attributes leaves the others (RFC 7644 §3.5.2.3).
    expect(replaced.json[ENTERPRISE]).toEqual({ department: 'Ops', manager: { value: 'boss-1' } });

    const removed = await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'remove', path: ENTERPRISE }));
    expect(removed.status).toBe(200);
    expect(removed.json).not.toHaveProperty(ENTERPRISE);
    expect(removed.json.schemas).toEqual([USER]);
    const stored = (await db.member.findUniqueOrThrow({ where: { id: user.id } })).scim as Record<string, unknown>;
    expect(stored).not.toHaveProperty(ENTERPRISE);
    expect((await scim(token, 'GET', `Users/${user.id}`)).json).not.toHaveProperty(ENTERPRISE);

    const extensionNotObject = await scim(
      token,
      'PATCH',
      `Users/${user.id}`,
      ops({ op: 'add', value: { [ENTERPRISE]: 'x' } }),
    );
    expect([extensionNotObject.status, extensionNotObject.json.scimType]).toEqual([400, 'invalidValue']);
    const undeclared = await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'add', path: 'shoeSize', value: 42 }));
    expect([undeclared.status, undeclared.json.scimType]).toEqual([400, 'invalidPath']);
  });

  it('leaves active unassigned when it is removed: an inactive member stays inactive', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-active');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'di@acme.com', active: false })).json;
    const status = async () => (await db.member.findUniqueOrThrow({ where: { id: user.id } })).status;
    expect(await status()).toBe('deactivated');

    const removed = await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'remove', path: 'active' }));
    expect([removed.status, removed.json.active]).toEqual([200, false]);
    expect(await status()).toBe('deactivated');
    // Another change later, and a PUT without active, still leave it inactive; only active=true reactivates.
    expect(
      (await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'replace', path: 'title', value: 'x' }))).json.active,
    ).toBe(false);
    expect(
      (await scim(token, 'PUT', `Users/${user.id}`, { schemas: [USER], userName: 'di@acme.com' })).json.active,
    ).toBe(false);
    expect(await status()).toBe('deactivated');
    expect(
      (await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'replace', path: 'active', value: true }))).json.active,
    ).toBe(true);
    expect(await status()).toBe('active');
  });

  it("declares members.display readOnly and never takes the client's display", async () => {
    const token = await workspaceWithToken(db, 'ws-conf-display');
    const schema = (await scim(token, 'GET', `Schemas/${GROUP}`)).json;
    const members = schema.attributes.find((a: { name: string }) => a.name === 'members');
    expect(members.subAttributes.find((a: { name: string }) => a.name === 'display')).toMatchObject({
      mutability: 'readOnly',
    });

    const user = (
      await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'ed@acme.com', name: { formatted: 'Ed Ng' } })
    ).json;
    const group = await scim(token, 'POST', 'Groups', {
      schemas: [GROUP],
      displayName: 'eng',
      members: [{ value: user.id, display: 'Mallory Admin' }],
    });
    expect(group.json.members).toEqual([expect.objectContaining({ value: user.id, display: 'Ed Ng' })]);
    const patched = await scim(
      token,
      'PATCH',
      `Groups/${group.json.id}`,
      ops({ op: 'replace', path: `members[value eq "${user.id}"].display`, value: 'Mallory' }),
    );
    expect(patched.json.members).toEqual([expect.objectContaining({ value: user.id, display: 'Ed Ng' })]);
    expect(JSON.stringify((await db.group.findUniqueOrThrow({ where: { id: group.json.id } })).scim)).not.toContain(
      'Mallory',
    );
  });

  it('refuses a stale If-Match on PUT, PATCH and DELETE with 412, changing nothing; current or * passes', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-etag');
    const user = (await scim(token, 'POST', 'Users', { schemas: [USER], userName: 'fa@acme.com' })).json;
    const group = (await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'ops' })).json;
    expect(user.meta.version).toBe('W/"1"');
    const stale = { 'if-match': 'W/"7"' };
    const refused: [string, string, unknown][] = [
      ['PATCH', `Users/${user.id}`, ops({ op: 'replace', path: 'title', value: 'x' })],
      ['PUT', `Users/${user.id}`, { schemas: [USER], userName: 'fa@acme.com', title: 'x' }],
      ['DELETE', `Users/${user.id}`, undefined],
      ['PATCH', `Groups/${group.id}`, ops({ op: 'replace', path: 'displayName', value: 'x' })],
      ['PUT', `Groups/${group.id}`, { schemas: [GROUP], displayName: 'x' }],
      ['DELETE', `Groups/${group.id}`, undefined],
    ];
    for (const [method, path, body] of refused) expectScimError(await scim(token, method, path, body, stale), 412);
    expect(await db.member.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      version: 1,
      status: 'active',
    });
    expect(await db.group.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({
      version: 1,
      displayName: 'ops',
    });

    const current = await scim(token, 'PATCH', `Users/${user.id}`, ops({ op: 'replace', path: 'title', value: 'x' }), {
      'if-match': 'W/"1"',
    });
    expect([current.status, current.headers.get('etag')]).toEqual([200, 'W/"2"']);
    expect(
      (
        await scim(
          token,
          'PUT',
          `Users/${user.id}`,
          { schemas: [USER], userName: 'fa@acme.com', title: 'y' },
          { 'if-match': '"2"' },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await scim(token, 'PATCH', `Groups/${group.id}`, ops({ op: 'replace', path: 'displayName', value: 'ops2' }), {
          'if-match': '*',
        })
      ).status,
    ).toBe(200);
    expect((await scim(token, 'DELETE', `Users/${user.id}`, undefined, { 'if-match': 'W/"3"' })).status).toBe(204);
  });

  it('documents the email rule for userName in /Schemas and points documentationUri at the SCIM docs', async () => {
    const token = await workspaceWithToken(db, 'ws-conf-docs');
    const user = (await scim(token, 'GET', `Schemas/${USER}`)).json;
    expect(user.attributes.find((a: { name: string }) => a.name === 'userName').description).toMatch(
      /must be an email address/i,
    );
    expect(user.description).toMatch(/email/);
    const config = (await scim(token, 'GET', 'ServiceProviderConfig')).json;
    expect(config).toMatchObject({ documentationUri: 'http://tollgate.test/scim/docs', etag: { supported: true } });
    const docs = await (await import('@/app/scim/docs/route.ts')).GET();
    expect(docs.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await docs.text()).toContain('`userName` must be an email address');
  });
});
