// Members import against a real PostgreSQL: a messy export, preview, all-or-nothing commit, SCIM-wins
// precedence, full-export removal, versions; re-attestation; orphaned agents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { parseAgentFilter } from '@/lib/agents/filter.ts';
import { listAgents } from '@/lib/agents/queries.ts';
import { stateAt, versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { attestMembers } from '@/lib/roster/attest.ts';
import { orphanedOwnerEmails, ownerStanding } from '@/lib/roster/orphans.ts';
import { commitMemberImport, getMemberImport, previewMemberImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const HEADER = 'email,name,role,status,groups,agent_roles';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('roster'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function workspace(id: string) {
  await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  return id;
}

async function commitFile(
  ws: string,
  csv: string,
  options: { fullExport?: boolean; skipInvalid?: boolean; now?: Date } = {},
) {
  const { id } = await previewMemberImport(db, actor, ws, {
    filename: 'members.csv',
    content: Buffer.from(csv),
    fullExport: options.fullExport ?? true,
  });
  return {
    id,
    outcome: await commitMemberImport(db, actor, ws, id, {
      skipInvalid: options.skipInvalid ?? false,
      now: options.now,
    }),
  };
}

const roster = (workspaceId: string) =>
  db.member
    .findMany({
      where: { workspaceId },
      orderBy: { email: 'asc' },
      select: {
        email: true,
        name: true,
        workspaceRole: true,
        status: true,
        directAgentRoles: true,
        identitySource: true,
        groups: { select: { group: { select: { displayName: true } } }, orderBy: { group: { displayName: 'asc' } } },
      },
    })
    .then((ms) => ms.map(({ groups, ...m }) => ({ ...m, groups: groups.map((g) => g.group.displayName) })));

const MESSY = [
  '\ufeffemail,name,role,status,groups,agent_roles',
  'Ann@Acme.com,"Ann ""The Owner"" Lee",Owner,Active,"agents-admin;agents-build",',
  'bob@acme.com,"Bob, Builder",member,active,agents-build,agents-run',
  'ANN@acme.com,Ann again,member,active,,',
  'cy@acme.com,Cy,root,active,,',
  'dee@acme.com,"Dee',
  'Multi",admin,Deactivated,,',
  'not-an-email,X,member,active,,',
  '',
].join('\r\n');

describe('members import', () => {
  it('previews every invalid row with its line and the changes, writing nothing', async () => {
    const ws = await workspace('ws-roster-preview');
    const { id } = await previewMemberImport(db, actor, ws, {
      filename: 'members.csv',
      content: Buffer.from(MESSY),
      fullExport: true,
    });
    const record = await getMemberImport(db, ws, id);
    expect(record.status).toBe('preview');
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.preview.errors).toEqual([
      { line: 4, email: 'ann@acme.com', reason: 'duplicate email ann@acme.com (first on line 2)' },
      { line: 5, email: 'cy@acme.com', reason: 'unknown role "root" (expected owner, admin or member)' },
      { line: 8, email: 'not-an-email', reason: 'bad email "not-an-email"' },
    ]);
    expect(record.preview.counts).toEqual({ created: 3, changed: 0, unchanged: 0, removed: 0, scimKept: 0 });
    expect(record.preview.newGroups).toEqual(['agents-admin', 'agents-build']);
    expect(await db.member.count({ where: { workspaceId: ws } })).toBe(0);
    expect(await db.group.count({ where: { workspaceId: ws } })).toBe(0);
  });

  it('refuses invalid rows unless told to skip; then writes members, csv groups, versions, audit event', async () => {
    const ws = await workspace('ws-roster-atomic');
    const { id } = await previewMemberImport(db, actor, ws, {
      filename: 'members.csv',
      content: Buffer.from(MESSY),
      fullExport: true,
    });
    await expect(commitMemberImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(/3 invalid row\(s\)/);
    expect(await db.member.count({ where: { workspaceId: ws } })).toBe(0);

    const at = new Date('2026-11-20T10:00:00Z');
    const outcome = await commitMemberImport(db, actor, ws, id, { skipInvalid: true, now: at });
    expect(outcome).toMatchObject({
      created: 3,
      changed: 0,
      removed: 0,
      skippedCount: 3,
      groupsCreated: ['agents-admin', 'agents-build'],
    });
    expect(outcome.skipped.map((s) => s.line)).toEqual([4, 5, 8]);
    expect(await roster(ws)).toEqual([
      {
        email: 'ann@acme.com',
        name: 'Ann "The Owner" Lee',
        workspaceRole: 'owner',
        status: 'active',
        directAgentRoles: [],
        identitySource: 'csv',
        groups: ['agents-admin', 'agents-build'],
      },
      {
        email: 'bob@acme.com',
        name: 'Bob, Builder',
        workspaceRole: 'member',
        status: 'active',
        directAgentRoles: ['agents-run'],
        identitySource: 'csv',
        groups: ['agents-build'],
      },
      {
        email: 'dee@acme.com',
        name: 'Dee\nMulti',
        workspaceRole: 'admin',
        status: 'deactivated',
        directAgentRoles: [],
        identitySource: 'csv',
        groups: [],
      },
    ]);
    expect(
      (await db.group.findMany({ where: { workspaceId: ws }, select: { source: true } })).map((g) => g.source),
    ).toEqual(['csv', 'csv']);
    const members = await stateAt<{ email: string; groups: string[] }>(db, ws, 'member', at);
    expect([...members.values()].map((m) => [m.email, m.groups]).sort()).toEqual([
      ['ann@acme.com', ['agents-admin', 'agents-build']],
      ['bob@acme.com', ['agents-build']],
      ['dee@acme.com', []],
    ]);
    const groups = await stateAt<{ displayName: string; members: { email: string }[] }>(db, ws, 'group', at);
    expect([...groups.values()].find((g) => g.displayName === 'agents-build')?.members.map((m) => m.email)).toEqual([
      'ann@acme.com',
      'bob@acme.com',
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'roster.import', workspaceId: ws } });
    expect(audit.diff).toMatchObject({ created: 3, skipped: 3, sha256: (await getMemberImport(db, ws, id)).sha256 });
    await expect(commitMemberImport(db, actor, ws, id, { skipInvalid: true })).rejects.toThrow(/already committed/);
  });

  it('lets SCIM win for identity and groups; takes only the workspace and direct agent roles from CSV', async () => {
    const ws = await workspace('ws-roster-scim');
    const scimGroup = await db.group.create({ data: { workspaceId: ws, displayName: 'agents-run', source: 'scim' } });
    const scim = await db.member.create({
      data: {
        workspaceId: ws,
        email: 'sam@acme.com',
        userName: 'Sam@Acme.com',
        name: 'Sam Scim',
        status: 'active',
        identitySource: 'scim',
        groups: { create: { groupId: scimGroup.id } },
      },
    });
    const csv = [
      HEADER,
      'sam@acme.com,Samuel Csv,admin,deactivated,agents-admin;finance,agents-build',
      'new@acme.com,New Person,member,active,agents-run;finance,',
    ].join('\n');
    const { id } = await previewMemberImport(db, actor, ws, {
      filename: 'm.csv',
      content: Buffer.from(csv),
      fullExport: true,
    });
    const preview = (await getMemberImport(db, ws, id)).preview;
    expect(preview.counts).toEqual({ created: 1, changed: 1, unchanged: 0, removed: 0, scimKept: 1 });
    expect(preview.scimKept).toEqual([{ email: 'sam@acme.com', fields: ['name', 'status', 'groups'] }]);
    expect(preview.changed).toEqual([
      {
        email: 'sam@acme.com',
        changes: [
          { field: 'workspaceRole', from: null, to: 'admin' },
          { field: 'directAgentRoles', from: [], to: ['agents-build'] },
        ],
      },
    ]);
    expect(preview.newGroups).toEqual(['finance']);

    await commitMemberImport(db, actor, ws, id, { skipInvalid: false });
    expect(await roster(ws)).toEqual([
      {
        email: 'new@acme.com',
        name: 'New Person',
        workspaceRole: 'member',
        status: 'active',
        directAgentRoles: [],
        identitySource: 'csv',
        groups: ['agents-run', 'finance'],
      },
      {
        email: 'sam@acme.com',
        name: 'Sam Scim',
        workspaceRole: 'admin',
        status: 'active',
        directAgentRoles: ['agents-build'],
        identitySource: 'scim',
        groups: ['agents-run'],
      },
    ]);
    expect(await db.group.findUniqueOrThrow({ where: { id: scimGroup.id }, select: { source: true } })).toEqual({
      source: 'scim',
    });
    expect((await db.member.findUniqueOrThrow({ where: { id: scim.id } })).version).toBe(2);
    expect(
      (await versionsOf(db, ws, 'member', scim.id)).map((v) => (v.data as { workspaceRole: string }).workspaceRole),
    ).toEqual(['admin']);

    // A full export that no longer lists them: the CSV member is marked removed, the SCIM member is left to SCIM.
    const { outcome } = await commitFile(ws, [HEADER, 'other@acme.com,Other,member,active,,'].join('\n'));
    expect(outcome).toMatchObject({ created: 1, removed: 1 });
    expect((await roster(ws)).map((m) => [m.email, m.status])).toEqual([
      ['new@acme.com', 'removed'],
      ['other@acme.com', 'active'],
      ['sam@acme.com', 'active'],
    ]);
  });

  it('updates CSV members in place, replaces their groups, leaves the unlisted alone on a partial export', async () => {
    const ws = await workspace('ws-roster-update');
    await commitFile(ws, [HEADER, 'a@acme.com,A,member,active,g1;g2,', 'b@acme.com,B,member,active,g1,'].join('\n'));
    const { outcome } = await commitFile(ws, [HEADER, 'a@acme.com,A2,admin,active,G2;g3,agents-run'].join('\n'), {
      fullExport: false,
    });
    expect(outcome).toMatchObject({ created: 0, changed: 1, removed: 0, groupsCreated: ['g3'] });
    expect(await roster(ws)).toEqual([
      {
        email: 'a@acme.com',
        name: 'A2',
        workspaceRole: 'admin',
        status: 'active',
        directAgentRoles: ['agents-run'],
        identitySource: 'csv',
        groups: ['g2', 'g3'],
      },
      {
        email: 'b@acme.com',
        name: 'B',
        workspaceRole: 'member',
        status: 'active',
        directAgentRoles: [],
        identitySource: 'csv',
        groups: ['g1'],
      },
    ]);
    const again = await commitFile(
      ws,
      [HEADER, 'a@acme.com,A2,Admin,Active,g2;G3,agents-run', 'b@acme.com,B,member,active,g1,'].join('\n'),
    );
    expect(again.outcome).toMatchObject({ created: 0, changed: 0, unchanged: 2, removed: 0 });
  });

  it('rolls back members, groups and versions when the commit fails after writing', async () => {
    const ws = await workspace('ws-roster-rollback');
    const { id } = await previewMemberImport(db, actor, ws, {
      filename: 'm.csv',
      content: Buffer.from([HEADER, 'a@acme.com,A,admin,active,g1,'].join('\n')),
      fullExport: true,
    });
    let sawWrites = 0;
    const failing = commitMemberImport(db, actor, ws, id, {
      skipInvalid: false,
      syncFindings: async (tx) => {
        sawWrites = await tx.member.count({ where: { workspaceId: ws } });
        throw new Error('findings failed');
      },
    });
    await expect(failing).rejects.toThrow('findings failed');
    expect(sawWrites).toBe(1);
    expect(await db.member.count({ where: { workspaceId: ws } })).toBe(0);
    expect(await db.group.count({ where: { workspaceId: ws } })).toBe(0);
    expect(await db.recordVersion.count({ where: { workspaceId: ws } })).toBe(0);
    expect((await getMemberImport(db, ws, id)).status).toBe('preview');
    expect(await commitMemberImport(db, actor, ws, id, { skipInvalid: false })).toMatchObject({ created: 1 });
  });

  it('stores names with quotes, backslashes, braces and NULL exactly as written', async () => {
    const ws = await workspace('ws-roster-odd');
    const odd = ['Say "hi"', 'back\\slash', '{braced}', 'NULL', 'Café ☕'];
    const cell = `"${odd.join(';').replace(/"/g, '""')}"`;
    await commitFile(ws, `${HEADER}\no@acme.com,"O ""Odd"" \\ {x}",member,active,${cell},${cell}\n`);
    expect(await roster(ws)).toEqual([
      {
        email: 'o@acme.com',
        name: 'O "Odd" \\ {x}',
        workspaceRole: 'member',
        status: 'active',
        directAgentRoles: odd,
        identitySource: 'csv',
        groups: [...odd].sort((a, b) => (a < b ? -1 : 1)),
      },
    ]);
  });

  it('never marks a member on an invalid row as removed', async () => {
    const ws = await workspace('ws-roster-invalid-listed');
    await commitFile(ws, [HEADER, 'a@acme.com,A,member,active,,', 'b@acme.com,B,member,active,,'].join('\n'));
    const { outcome } = await commitFile(
      ws,
      [HEADER, 'a@acme.com,A,member,active,,', 'b@acme.com,B,wizard,active,,'].join('\n'),
      { skipInvalid: true },
    );
    expect(outcome).toMatchObject({ removed: 0, skippedCount: 1 });
    expect((await roster(ws)).map((m) => m.status)).toEqual(['active', 'active']);
  });

  it('refuses a commit when the roster changed since the preview, and a file that cannot be read', async () => {
    const ws = await workspace('ws-roster-stale');
    const { id } = await previewMemberImport(db, actor, ws, {
      filename: 'one.csv',
      content: Buffer.from(`${HEADER}\na@acme.com,A,member,active,,\n`),
      fullExport: true,
    });
    await db.member.create({
      data: { workspaceId: ws, email: 'scim@acme.com', userName: 'scim@acme.com', identitySource: 'scim' },
    });
    await expect(commitMemberImport(db, actor, ws, id, { skipInvalid: false })).rejects.toThrow(
      /changed since this preview/,
    );

    const bad = await previewMemberImport(db, actor, ws, {
      filename: 'bad.csv',
      content: Buffer.from('email,name,role,status\na@acme.com,A,member,active\n'),
      fullExport: true,
    });
    expect((await getMemberImport(db, ws, bad.id)).preview.fatal).toEqual({
      line: 1,
      reason: expect.stringMatching(/^missing columns groups, agent_roles/),
    });
    await expect(commitMemberImport(db, actor, ws, bad.id, { skipInvalid: true })).rejects.toThrow(
      /Line 1: missing columns/,
    );
    expect(await db.member.count({ where: { workspaceId: ws } })).toBe(1);
  });
});

describe('re-attestation', () => {
  it('records who re-attested owners and admins, versioned and audited, and refuses anyone else', async () => {
    const ws = await workspace('ws-roster-attest');
    await commitFile(
      ws,
      [
        HEADER,
        'o@acme.com,O,owner,active,,',
        'ad@acme.com,Ad,admin,active,,',
        'm@acme.com,M,member,active,,',
        'gone@acme.com,G,admin,deactivated,,',
      ].join('\n'),
    );
    const ids = Object.fromEntries(
      (await db.member.findMany({ where: { workspaceId: ws }, select: { id: true, email: true } })).map((m) => [
        m.email,
        m.id,
      ]),
    );
    const before = await db.member.findUniqueOrThrow({ where: { id: ids['o@acme.com']! } });

    const overdue = () =>
      db.finding.findMany({
        where: { workspaceId: ws, kind: 'attestation-overdue', status: 'open' },
        select: { subjectLabel: true },
        orderBy: { subjectLabel: 'asc' },
      });
    expect(await overdue()).toEqual([{ subjectLabel: 'ad@acme.com' }, { subjectLabel: 'o@acme.com' }]);
    await expect(attestMembers(db, actor, ws, [ids['o@acme.com']!, ids['m@acme.com']!])).rejects.toThrow(
      /m@acme.com is not\. Nothing was attested/,
    );
    await expect(attestMembers(db, actor, ws, [ids['gone@acme.com']!])).rejects.toThrow(
      /Only active owners and admins/,
    );
    await expect(attestMembers(db, actor, 'ws-roster-preview', [ids['o@acme.com']!])).rejects.toThrow(
      /not on this workspace/,
    );
    expect((await db.member.findUniqueOrThrow({ where: { id: ids['o@acme.com']! } })).attestedAt).toBeNull();

    const now = new Date(Date.now() + 60_000); // after the import's versions
    expect(
      await attestMembers(db, { ...actor, label: 'ciso@acme.com' }, ws, [ids['o@acme.com']!, ids['ad@acme.com']!], {
        now,
      }),
    ).toEqual({ attested: 2, emails: ['ad@acme.com', 'o@acme.com'] });
    const after = await db.member.findUniqueOrThrow({ where: { id: ids['o@acme.com']! } });
    expect(after).toMatchObject({
      attestedAt: now,
      attestedBy: 'ciso@acme.com',
      version: before.version,
      updatedAt: before.updatedAt,
    });
    expect((await versionsOf(db, ws, 'member', after.id)).at(-1)?.data).toMatchObject({
      attestedBy: 'ciso@acme.com',
      attestedAt: now.toISOString(),
    });
    expect(await overdue()).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'roster.attest', workspaceId: ws } });
    expect(audit).toMatchObject({
      actorLabel: 'ciso@acme.com',
      diff: { count: 2, members: ['ad@acme.com', 'o@acme.com'] },
    });
  });
});

describe('orphaned agents', () => {
  it('are those whose owner is deactivated or removed on the roster, matched ignoring case', async () => {
    const ws = await workspace('ws-roster-orphans');
    const other = await workspace('ws-roster-orphans-other');
    const agent = (workspaceId: string, externalId: string, ownerEmail: string) =>
      db.agent.create({
        data: {
          workspaceId,
          externalId,
          name: externalId,
          ownerEmail,
          configHash: 'x',
          connectors: [],
          legs: {},
          legCount: 0,
          trifecta: false,
          effectiveState: 'none',
        },
      });
    await agent(ws, 'a-active', 'ann@acme.com');
    await agent(ws, 'a-deact', 'Dee@Acme.com');
    await agent(ws, 'a-removed', 'rex@acme.com');
    await agent(ws, 'a-absent', 'nobody@acme.com');
    await agent(other, 'b-deact', 'dee@acme.com');
    expect(await orphanedOwnerEmails(db, ws)).toEqual([]);
    expect(await ownerStanding(db, ws, 'nobody@acme.com')).toEqual({ kind: 'no_roster' });

    await commitFile(
      ws,
      [
        HEADER,
        'ann@acme.com,Ann,member,active,,',
        'dee@acme.com,Dee,member,deactivated,,',
        'rex@acme.com,Rex,member,active,,',
      ].join('\n'),
    );
    expect(await orphanedOwnerEmails(db, ws)).toEqual(['Dee@Acme.com']);
    await commitFile(
      ws,
      [HEADER, 'ann@acme.com,Ann,member,active,,', 'dee@acme.com,Dee,member,deactivated,,'].join('\n'),
    );
    expect((await orphanedOwnerEmails(db, ws)).sort()).toEqual(['Dee@Acme.com', 'rex@acme.com']);
    expect(await orphanedOwnerEmails(db, other)).toEqual([]);
    const page = await listAgents(db, ws, parseAgentFilter({ show: 'orphaned', sort: 'id', dir: 'asc' }));
    expect([page.total, page.rows.map((r) => r.externalId)]).toEqual([2, ['a-deact', 'a-removed']]);
    expect((await listAgents(db, other, parseAgentFilter({ show: 'orphaned' }))).total).toBe(0);
    expect(await ownerStanding(db, ws, 'Dee@Acme.com')).toEqual({
      kind: 'orphaned',
      status: 'deactivated',
      name: 'Dee',
    });
    expect(await ownerStanding(db, ws, 'ann@acme.com')).toEqual({ kind: 'active', name: 'Ann' });
    expect(await ownerStanding(db, ws, 'nobody@acme.com')).toEqual({ kind: 'not_on_roster' });
  });
});
