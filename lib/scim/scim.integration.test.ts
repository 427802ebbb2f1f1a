// The SCIM server driven as an IdP drives it: the route handlers called with real Requests, against a
// real PostgreSQL, checking the roster rows, their versions and the audit trail after each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { commitImport, previewImport } from '@/lib/agents/import/service.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { orphanedOwnerEmails } from '@/lib/roster/orphans.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { TokenBuckets } from './rate-limit.ts';
import { createScimToken, revokeScimToken } from './tokens.ts';

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
type Module = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;

const admin = { id: null, label: 'test-admin', role: 'admin' };
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let db: Db;
let routes: Record<string, Module>;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('scim');
  delete process.env.AUTH_URL;
  db = createDb(process.env.DATABASE_URL);
  routes = {
    Users: await import('@/app/scim/v2/Users/route.ts'),
    'Users/:id': await import('@/app/scim/v2/Users/[id]/route.ts'),
    Groups: await import('@/app/scim/v2/Groups/route.ts'),
    'Groups/:id': await import('@/app/scim/v2/Groups/[id]/route.ts'),
    ServiceProviderConfig: await import('@/app/scim/v2/ServiceProviderConfig/route.ts'),
    ResourceTypes: await import('@/app/scim/v2/ResourceTypes/route.ts'),
    Schemas: await import('@/app/scim/v2/Schemas/route.ts'),
  };
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

/** One SCIM request as an IdP sends it; the JSON body (if any) comes back parsed. */
async function scim(
  token: string | null,
  method: keyof Module,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const url = new URL(`http://tollgate.test/scim/v2/${path}`);
  const [resource, id] = url.pathname.replace('/scim/v2/', '').split('/');
  const handler = routes[id ? `${resource}/:id` : resource!]![method]!;
  const request = new Request(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve({ id: id! }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function workspaceWithToken(id: string, label = 'Okta') {
  await createWorkspace(db, admin, { id, name: id, kind: 'workspace', principal: null });
  return (await createScimToken(db, admin, { workspaceId: id, label })).token;
}

const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName,
  name: { givenName: 'Ann', familyName: 'Lee' },
  active: true,
  ...extra,
});

describe('SCIM server as an IdP drives it', () => {
  it('creates a user and a group, adds, filters, paginates, deactivates and deletes, keeping the history', async () => {
    const token = await workspaceWithToken('ws-scim-flow');
    const created = await scim(token, 'POST', 'Users', newUser('Ann.Lee@Acme.com', { externalId: 'okta-ann' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/scim+json');
    const annId = created.json.id as string;
    expect(created.headers.get('location')).toBe(`http://tollgate.test/scim/v2/Users/${annId}`);
    expect(created.json).toMatchObject({
      userName: 'Ann.Lee@Acme.com',
      active: true,
      externalId: 'okta-ann',
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(await db.member.findUniqueOrThrow({ where: { id: annId } })).toMatchObject({
      workspaceId: 'ws-scim-flow',
      email: 'ann.lee@acme.com',
      name: 'Ann Lee',
      status: 'active',
      identitySource: 'scim',
      workspaceRole: null,
      directAgentRoles: [],
    });

    const group = await scim(token, 'POST', 'Groups', {
      schemas: [GROUP],
      displayName: 'agents-build',
      externalId: 'okta-g1',
    });
    expect(group.status).toBe(201);
    const groupId = group.json.id as string;
    const added = await scim(token, 'PATCH', `Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: annId }] }],
    });
    expect(added.status).toBe(200);
    expect(added.json.members).toEqual([expect.objectContaining({ value: annId, display: 'Ann Lee' })]);
    expect(await db.groupMember.findMany({ where: { groupId } })).toEqual([{ groupId, memberId: annId }]);
    expect((await scim(token, 'GET', `Users/${annId}`)).json.groups).toEqual([
      expect.objectContaining({ value: groupId, display: 'agents-build' }),
    ]);

    const found = await scim(token, 'GET', `Users?filter=${encodeURIComponent('userName eq "ann.lee@ACME.com"')}`);
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id: annId }] });
    expect(
      (await scim(token, 'GET', `Users?filter=${encodeURIComponent('userName eq "nobody@acme.com"')}`)).json,
    ).toMatchObject({ totalResults: 0, Resources: [] });

    for (const name of ['bo', 'cy', 'di'])
      expect((await scim(token, 'POST', 'Users', newUser(`${name}@acme.com`))).status).toBe(201);
    const page1 = await scim(token, 'GET', 'Users?startIndex=1&count=3');
    const page2 = await scim(token, 'GET', 'Users?startIndex=4&count=3');
    expect([page1.json.totalResults, page1.json.itemsPerPage, page2.json.startIndex, page2.json.itemsPerPage]).toEqual([
      4, 3, 4, 1,
    ]);
    expect([...page1.json.Resources, ...page2.json.Resources].map((r: { userName: string }) => r.userName)).toEqual([
      'Ann.Lee@Acme.com',
      'bo@acme.com',
      'cy@acme.com',
      'di@acme.com',
    ]);

    // Entra ID's deactivation: a capitalised op, a path and a boolean as a string.
    const off = await scim(token, 'PATCH', `Users/${annId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    expect((await db.member.findUniqueOrThrow({ where: { id: annId } })).status).toBe('deactivated');

    const removed = await scim(token, 'PATCH', `Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: `members[value eq "${annId}"]` }],
    });
    expect(removed.json.members).toEqual([]);
    expect(await db.groupMember.count({ where: { groupId } })).toBe(0);

    const gone = await scim(token, 'DELETE', `Users/${annId}`);
    expect(gone.status).toBe(204);
    expect(await db.member.findUniqueOrThrow({ where: { id: annId } })).toMatchObject({
      status: 'removed',
      email: 'ann.lee@acme.com',
    });
    expect((await scim(token, 'GET', `Users/${annId}`)).status).toBe(404);
    expect((await scim(token, 'GET', 'Users')).json.totalResults).toBe(3);

    // Member versions carry their groups: created, joined, deactivated, left, removed.
    const memberVersions = (await versionsOf(db, 'ws-scim-flow', 'member', annId)).map(
      (v) => v.data as { status: string; groups: string[] },
    );
    expect(memberVersions.map((v) => [v.status, v.groups])).toEqual([
      ['active', []],
      ['active', ['agents-build']],
      ['deactivated', ['agents-build']],
      ['deactivated', []],
      ['removed', []],
    ]);
    const groupVersions = await versionsOf(db, 'ws-scim-flow', 'group', groupId);
    expect(groupVersions.map((v) => (v.data as { members: { email: string }[] }).members.map((m) => m.email))).toEqual([
      [],
      ['ann.lee@acme.com'],
      [],
    ]);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: 'ws-scim-flow', action: { startsWith: 'scim.' } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.action).slice(0, 3)).toEqual([
      'scim.user.create',
      'scim.group.create',
      'scim.group.patch',
    ]);
    expect(new Set(audit.map((a) => a.actorLabel))).toEqual(new Set(['scim:Okta']));
    expect((await db.scimToken.findFirstOrThrow({ where: { workspaceId: 'ws-scim-flow' } })).lastUsedAt).not.toBeNull();
  });

  it('opens and resolves findings and orphans agents as the IdP changes the roster', async () => {
    const ws = 'ws-scim-findings';
    const token = await workspaceWithToken(ws);
    await db.agentRole.create({
      data: {
        workspaceId: ws,
        side: 'observed',
        name: 'agents-admin',
        useAgents: true,
        buildAgents: true,
        publishAgents: true,
        publishWithSharedConnections: true,
        groupName: 'agents-admin',
        updatedBy: 'test',
      },
    });
    const ann = (await scim(token, 'POST', 'Users', newUser('ann@acme.com'))).json;
    const { id: importId } = await previewImport(db, admin, ws, {
      filename: 'agents.csv',
      content: Buffer.from('agent_id,agent_name,owner_email,connected_apps\nag-1,Triage,Ann@Acme.com,Slack\n'),
      fullExport: true,
    });
    await commitImport(db, admin, ws, importId, { skipInvalid: false });
    const finding = () => db.finding.findFirst({ where: { workspaceId: ws, key: 'shared-connections:ann@acme.com' } });
    expect(await finding()).toBeNull();

    await scim(token, 'POST', 'Groups', {
      schemas: [GROUP],
      displayName: 'agents-admin',
      members: [{ value: ann.id }],
    });
    expect(await finding()).toMatchObject({ status: 'open', control: '6.1' });
    expect(await orphanedOwnerEmails(db, ws)).toEqual([]);

    await scim(token, 'PATCH', `Users/${ann.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(await finding()).toMatchObject({ status: 'resolved' });
    expect(await orphanedOwnerEmails(db, ws)).toEqual(['ann@acme.com']);
  });

  it('writes nothing for an identical PUT, and a version for a changed one', async () => {
    const token = await workspaceWithToken('ws-scim-put');
    const { json } = await scim(token, 'POST', 'Users', newUser('put@acme.com'));
    expect((await scim(token, 'PUT', `Users/${json.id}`, newUser('put@acme.com'))).json.meta.version).toBe('W/"1"');
    const renamed = await scim(
      token,
      'PUT',
      `Users/${json.id}`,
      newUser('put@acme.com', { name: { formatted: 'Put Renamed' } }),
    );
    expect(renamed.json.meta.version).toBe('W/"2"');
    expect(
      (await versionsOf(db, 'ws-scim-put', 'member', json.id)).map((v) => (v.data as { name: string }).name),
    ).toEqual(['Ann Lee', 'Put Renamed']);
  });

  it('takes over a member only the CSV knew: identity from SCIM, workspace and direct roles untouched', async () => {
    const token = await workspaceWithToken('ws-scim-adopt');
    const csv = await db.member.create({
      data: {
        workspaceId: 'ws-scim-adopt',
        email: 'eve@acme.com',
        userName: 'eve@acme.com',
        name: 'E.',
        identitySource: 'csv',
        workspaceRole: 'admin',
        directAgentRoles: ['agents-admin'],
      },
    });
    const adopted = await scim(token, 'POST', 'Users', newUser('Eve@Acme.com', { name: { formatted: 'Eve Adams' } }));
    expect([adopted.status, adopted.json.id]).toEqual([201, csv.id]);
    expect(await db.member.findUniqueOrThrow({ where: { id: csv.id } })).toMatchObject({
      identitySource: 'scim',
      name: 'Eve Adams',
      workspaceRole: 'admin',
      directAgentRoles: ['agents-admin'],
    });
    // SCIM data never grants anyone a dashboard role: no Tollgate user appears, whatever the group is called.
    await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'admin', members: [{ value: csv.id }] });
    expect(await db.user.count()).toBe(0);
  });
});

describe('SCIM refusals, in the RFC error format', () => {
  const isScimError = (res: { headers: Headers; json: { schemas: string[]; status: string } }, status: number) => {
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    expect(res.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(res.json.status).toBe(String(status));
  };

  it("answers 404 to another workspace's token for every id of the first", async () => {
    const tokenA = await workspaceWithToken('ws-scim-a');
    const tokenB = await workspaceWithToken('ws-scim-b');
    const user = (await scim(tokenA, 'POST', 'Users', newUser('a1@acme.com'))).json;
    const group = (
      await scim(tokenA, 'POST', 'Groups', { schemas: [GROUP], displayName: 'g-a', members: [{ value: user.id }] })
    ).json;
    for (const [method, path] of [
      ['GET', `Users/${user.id}`],
      ['PUT', `Users/${user.id}`],
      ['PATCH', `Users/${user.id}`],
      ['DELETE', `Users/${user.id}`],
      ['GET', `Groups/${group.id}`],
      ['PATCH', `Groups/${group.id}`],
      ['DELETE', `Groups/${group.id}`],
    ] as const) {
      const body =
        method === 'PUT'
          ? newUser('a1@acme.com')
          : method === 'PATCH'
            ? { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }
            : undefined;
      const res = await scim(tokenB, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      isScimError(res, 404);
    }
    expect((await scim(tokenB, 'GET', 'Users')).json.totalResults).toBe(0);
    // B cannot put A's user into its own group either.
    const foreign = await scim(tokenB, 'POST', 'Groups', {
      schemas: [GROUP],
      displayName: 'g-b',
      members: [{ value: user.id }],
    });
    expect([foreign.status, foreign.json.scimType]).toEqual([400, 'invalidValue']);
    expect(await db.member.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ status: 'active' });
  });

  it('answers a bad filter with 400 invalidFilter, an unknown attribute with 400 invalidValue naming it', async () => {
    const token = await workspaceWithToken('ws-scim-bad');
    const bad = await scim(token, 'GET', `Users?filter=${encodeURIComponent('userName eq')}`);
    isScimError(bad, 400);
    expect(bad.json.scimType).toBe('invalidFilter');
    const unknown = await scim(token, 'POST', 'Users', newUser('x@acme.com', { shoeSize: 42 }));
    expect([unknown.status, unknown.json.scimType, unknown.json.detail]).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "shoeSize".',
    ]);
    const syntax = await scim(token, 'POST', 'Users', '{"schemas": [');
    expect([syntax.status, syntax.json.scimType]).toEqual([400, 'invalidSyntax']);
    expect(await db.member.count({ where: { workspaceId: 'ws-scim-bad' } })).toBe(0);
  });

  it('answers a duplicate userName (any case) or group name with 409 uniqueness', async () => {
    const token = await workspaceWithToken('ws-scim-dup');
    expect((await scim(token, 'POST', 'Users', newUser('dup@acme.com'))).status).toBe(201);
    const dup = await scim(token, 'POST', 'Users', newUser('DUP@acme.com'));
    isScimError(dup, 409);
    expect(dup.json.scimType).toBe('uniqueness');
    expect(await db.member.count({ where: { workspaceId: 'ws-scim-dup' } })).toBe(1);
    await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'Eng' });
    expect((await scim(token, 'POST', 'Groups', { schemas: [GROUP], displayName: 'eng' })).json.scimType).toBe(
      'uniqueness',
    );
  });

  it('answers 401 in SCIM format without a token, with an unknown one, and with a revoked one', async () => {
    const token = await workspaceWithToken('ws-scim-401');
    expect((await scim(token, 'GET', 'Users')).status).toBe(200);
    const tokenRow = await db.scimToken.findFirstOrThrow({ where: { workspaceId: 'ws-scim-401' } });
    await revokeScimToken(db, admin, tokenRow.id);
    await expect(revokeScimToken(db, admin, tokenRow.id)).rejects.toThrow('already revoked');
    const samePrefix = `${token.slice(0, 14)}${'A'.repeat(token.length - 14)}`;
    for (const presented of [token, null, `tg_scim_${'A'.repeat(43)}`, samePrefix, 'not-a-token']) {
      const res = await scim(presented, 'GET', 'Users');
      expect(res.status).toBe(401);
      isScimError(res, 401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('answers a body over 1 MB with 413 and stores nothing', async () => {
    const token = await workspaceWithToken('ws-scim-413');
    const res = await scim(token, 'POST', 'Users', newUser('big@acme.com', { title: 'x'.repeat(1024 * 1024) }));
    isScimError(res, 413);
    expect(await db.member.count({ where: { workspaceId: 'ws-scim-413' } })).toBe(0);
  });

  it('answers 429 with Retry-After once a token spends its burst', async () => {
    const token = await workspaceWithToken('ws-scim-429');
    // A small bucket that refills once an hour, so the test never depends on how fast it runs.
    const shared = globalThis as unknown as { tollgateScimBuckets?: TokenBuckets };
    const saved = shared.tollgateScimBuckets;
    shared.tollgateScimBuckets = new TokenBuckets({ capacity: 3, perSecond: 1 / 3600 });
    try {
      for (let i = 0; i < 3; i++) expect((await scim(token, 'GET', 'ServiceProviderConfig')).status).toBe(200);
      const limited = await scim(token, 'GET', 'ServiceProviderConfig');
      isScimError(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    } finally {
      shared.tollgateScimBuckets = saved;
    }
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const token = await workspaceWithToken('ws-scim-disco');
    expect((await scim(token, 'GET', 'ServiceProviderConfig')).json).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
    });
    expect((await scim(token, 'GET', 'ResourceTypes')).json.Resources.map((r: { id: string }) => r.id)).toEqual([
      'User',
      'Group',
    ]);
    const schemas = (await scim(token, 'GET', 'Schemas')).json.Resources;
    expect(schemas.map((s: { id: string }) => s.id)).toEqual([
      USER,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      GROUP,
    ]);
    expect(schemas[0].attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({
      required: true,
      uniqueness: 'server',
    });
  });
});
