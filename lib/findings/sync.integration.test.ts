// Findings against a real PostgreSQL: rows in, syncFindings, findings opened, resolved, reopened,
// versioned and audited; an exception makes one excepted until its review instant (time injected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { versionsOf } from '@/lib/history/versions.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { findingCounts } from './page-queries.ts';
import { listFindings, findingsForSubject, getFinding } from './queries.ts';
import { assignFinding } from './service.ts';
import { findingVersionData, syncFindings } from './sync.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const T0 = new Date('2026-11-01T09:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('findings'));
});
afterAll(async () => db.$disconnect());

const sync = (ws: string, now: Date) => db.$transaction((tx) => syncFindings(tx, ws, now));
const byKey = async (ws: string, key: string) =>
  db.finding.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: ws, key } } });

/** A workspace whose observed roles match the default baseline, with a clean roster. */
async function cleanWorkspace(ws: string) {
  await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
  const roles = [
    { name: 'agents-run', useAgents: true },
    { name: 'agents-build', useAgents: true, buildAgents: true },
    { name: 'agents-admin', useAgents: true, buildAgents: true, publishAgents: true, enableSlackBot: true },
  ];
  await db.agentRole.createMany({
    data: roles.map((r) => ({ ...r, workspaceId: ws, side: 'observed', groupName: r.name, updatedBy: 'test' })),
  });
  for (const name of ['agents-run', 'agents-build', 'agents-admin'])
    await db.group.create({ data: { workspaceId: ws, displayName: name, source: 'scim' } });
  const owner = await db.member.create({
    data: {
      workspaceId: ws,
      email: 'owner@acme.example',
      userName: 'owner@acme.example',
      workspaceRole: 'owner',
      identitySource: 'csv',
      attestedAt: at(-5),
      attestedBy: 'ciso',
    },
  });
  const ann = await db.member.create({
    data: {
      workspaceId: ws,
      email: 'ann@acme.example',
      userName: 'ann@acme.example',
      workspaceRole: 'member',
      identitySource: 'scim',
    },
  });
  const admins = await db.group.findUniqueOrThrow({
    where: { workspaceId_displayName: { workspaceId: ws, displayName: 'agents-admin' } },
  });
  await db.groupMember.create({ data: { groupId: admins.id, memberId: ann.id } });
  await db.actionControl.create({
    data: { workspaceId: ws, side: 'observed', appId: 'gmail', mode: 'read_only', updatedBy: 'test' },
  });
  return { owner, ann };
}

describe('syncFindings', () => {
  it('opens nothing, and audits nothing, on a clean workspace', async () => {
    await cleanWorkspace('ws-f-clean');
    expect(await sync('ws-f-clean', T0)).toEqual({ opened: [], reopened: [], updated: [], resolved: [], open: 0 });
    expect(await db.finding.count({ where: { workspaceId: 'ws-f-clean' } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: 'ws-f-clean', action: 'findings.sync' } })).toBe(0);
  });

  it('opens findings with a default owner and due date, resolves them when fixed, reopens them on return', async () => {
    const ws = 'ws-f-cycle';
    const { ann } = await cleanWorkspace(ws);
    await db.actionControl.update({
      where: { workspaceId_side_appId: { workspaceId: ws, side: 'observed', appId: 'gmail' } },
      data: { mode: 'allow_all', enabled: true },
    });
    await db.member.update({ where: { id: ann.id }, data: { directAgentRoles: ['agents-build'] } });

    const first = await sync(ws, T0);
    expect(first.opened).toEqual([
      'action-drift:gmail:enabled',
      'allow-all:gmail',
      'direct-assignment:ann@acme.example:agents-build',
    ]);
    const allowAll = await byKey(ws, 'allow-all:gmail');
    expect(allowAll).toMatchObject({
      control: '6.2',
      status: 'open',
      owner: null,
      firstSeenAt: T0,
      lastSeenAt: T0,
      resolvedAt: null,
    });
    expect(allowAll.dueAt).toEqual(at(14)); // high severity
    expect((await byKey(ws, 'direct-assignment:ann@acme.example:agents-build')).dueAt).toEqual(at(30));
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'findings.sync' } })).toBe(1);

    // Nothing changed: only the last sighting moves; no version, no audit event.
    expect(await sync(ws, at(1))).toMatchObject({ opened: [], reopened: [], updated: [], resolved: [] });
    expect(await byKey(ws, 'allow-all:gmail')).toMatchObject({ firstSeenAt: T0, lastSeenAt: at(1) });
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'findings.sync' } })).toBe(1);

    // Fixed in ChatGPT and re-imported: resolved.
    await db.actionControl.update({
      where: { workspaceId_side_appId: { workspaceId: ws, side: 'observed', appId: 'gmail' } },
      data: { mode: 'read_only' },
    });
    expect((await sync(ws, at(2))).resolved).toEqual(['allow-all:gmail']);
    expect(await byKey(ws, 'allow-all:gmail')).toMatchObject({ status: 'resolved', resolvedAt: at(2) });

    // Back again: reopened, first sighting kept, a new due date from now.
    await db.actionControl.update({
      where: { workspaceId_side_appId: { workspaceId: ws, side: 'observed', appId: 'gmail' } },
      data: { mode: 'allow_all' },
    });
    expect((await sync(ws, at(20))).reopened).toEqual(['allow-all:gmail']);
    expect(await byKey(ws, 'allow-all:gmail')).toMatchObject({
      status: 'open',
      resolvedAt: null,
      firstSeenAt: T0,
      dueAt: at(34),
    });

    const history = await versionsOf(db, ws, 'finding', allowAll.id);
    expect(history.map((v) => [(v.data as { status: string }).status, v.at])).toEqual([
      ['open', T0],
      ['resolved', at(2)],
      ['open', at(20)],
    ]);
    // Each version is the row as stored, though the rows are written in bulk and never read back.
    const stored = JSON.parse(JSON.stringify(findingVersionData(await byKey(ws, 'allow-all:gmail'))));
    expect(history.at(-1)!.data).toEqual(stored);
    expect(await db.auditEvent.count({ where: { workspaceId: ws, action: 'findings.sync' } })).toBe(3);
  });

  it('refreshes the message and cause of an open finding as its subject changes', async () => {
    const ws = 'ws-f-refresh';
    await cleanWorkspace(ws);
    const owners = ['o2', 'o3'].map((n) => ({
      workspaceId: ws,
      email: `${n}@acme.example`,
      userName: n,
      workspaceRole: 'owner',
      identitySource: 'csv',
      attestedAt: at(-1),
    }));
    await db.member.createMany({ data: owners });
    await sync(ws, T0);
    expect((await byKey(ws, 'owners-over-limit')).message).toContain('3 owners');
    await db.member.create({
      data: {
        workspaceId: ws,
        email: 'o4@acme.example',
        userName: 'o4',
        workspaceRole: 'owner',
        identitySource: 'csv',
        attestedAt: at(-1),
      },
    });
    expect((await sync(ws, at(1))).updated).toEqual(['owners-over-limit']);
    const f = await byKey(ws, 'owners-over-limit');
    expect(f.message).toContain('4 owners');
    expect(f.firstSeenAt).toEqual(T0);
    expect((f.cause as { members: { email: string }[] }).members.map((m) => m.email)).toContain('o4@acme.example');
  });

  it('shows a finding excepted while an approved exception covers it, and open at its review instant', async () => {
    const ws = 'ws-f-except';
    const { ann } = await cleanWorkspace(ws);
    await db.agentRole.update({
      where: { workspaceId_side_name: { workspaceId: ws, side: 'observed', name: 'agents-admin' } },
      data: { publishWithSharedConnections: true },
    });
    await sync(ws, T0);
    const key = 'shared-connections:ann@acme.example';
    const finding = await byKey(ws, key);
    expect(finding.subjectId).toBe(ann.id);
    const review = at(30);
    const exception = await db.exception.create({
      data: {
        workspaceId: ws,
        title: 'Shared Drive agent',
        businessCase: 'Finance close',
        scopeKind: 'role_bit',
        scope: { bit: 'publish_agents_with_shared_connections', people: ['ann@acme.example'] },
        findingKeys: [key],
        status: 'requested',
        requestedBy: 'rev@acme.example',
        requestedAt: at(1),
        reviewAt: review,
      },
    });
    const statusAt = async (now: Date) =>
      (await listFindings(db, ws, { status: 'all' }, now)).find((f) => f.key === key)!;

    expect(await statusAt(at(2))).toMatchObject({ status: 'open', exception_id: null });
    await db.exception.update({
      where: { id: exception.id },
      data: { status: 'approved', decidedBy: 'ciso@acme.example', decidedAt: at(2) },
    });
    expect(await statusAt(at(2))).toMatchObject({ status: 'excepted', exception_id: exception.id });
    // On the member's own page too.
    expect((await findingsForSubject(db, ws, 'member', ann.id, at(2))).map((f) => [f.key, f.status])).toEqual([
      [key, 'excepted'],
    ]);
    expect(await findingsForSubject(db, ws, 'member', 'someone-else', at(2))).toEqual([]);
    expect(await statusAt(new Date(review.getTime() - 1))).toMatchObject({ status: 'excepted' });
    // At the review instant, with no job and no sync: open again, and now overdue (due 14 days after T0).
    expect(await statusAt(review)).toMatchObject({ status: 'open', exception_id: null, overdue: true });

    expect((await listFindings(db, ws, { status: 'excepted' }, at(3))).map((f) => f.key)).toEqual([key]);
    expect((await listFindings(db, ws, { status: 'open' }, at(3))).map((f) => f.key)).not.toContain(key);
    expect(await findingCounts(db, ws, at(3))).toMatchObject({ excepted: 1 });
    expect((await findingCounts(db, ws, review)).excepted).toBe(0);
  });

  it('sets an owner and due date, versioned and audited, and kept by later syncs', async () => {
    const ws = 'ws-f-assign';
    await cleanWorkspace(ws);
    await db.member.create({
      data: {
        workspaceId: ws,
        email: 'adm@acme.example',
        userName: 'adm',
        workspaceRole: 'admin',
        identitySource: 'csv',
      },
    });
    await sync(ws, T0);
    const f = await byKey(ws, 'attestation-overdue:adm@acme.example');
    const due = new Date('2026-12-05T23:59:59.999Z');
    await assignFinding(db, actor, ws, f.id, { owner: 'Sec-Lead@acme.example', dueAt: due }, at(1));
    await expect(
      assignFinding(db, actor, ws, f.id, { owner: 'sec-lead@acme.example', dueAt: due }, at(1)),
    ).rejects.toThrow(/Nothing changed/);
    await expect(assignFinding(db, actor, 'ws-f-clean', f.id, { owner: null, dueAt: due })).rejects.toThrow(
      /No such finding/,
    );
    await sync(ws, at(2));
    const detail = (await getFinding(db, ws, f.id, at(2)))!;
    expect(detail).toMatchObject({ owner: 'sec-lead@acme.example', due, status: 'open', overdue: false });
    expect(detail.history.map((h) => (h.data as { owner: string | null }).owner)).toEqual([
      null,
      'sec-lead@acme.example',
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws, action: 'finding.assign' } });
    expect(audit.diff).toMatchObject({ owner: { from: null, to: 'sec-lead@acme.example' } });
    expect(
      (await listFindings(db, ws, { status: 'current', owner: 'unassigned' }, at(2))).map((x) => x.id),
    ).not.toContain(f.id);
    expect((await listFindings(db, ws, { status: 'current', overdue: '1' }, at(60))).map((x) => x.id)).toContain(f.id);
  });
});
