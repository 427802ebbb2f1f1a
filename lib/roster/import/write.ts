// Writes a roster diff inside the commit transaction: new groups (source csv), new members, changed
// members and their group memberships, members a full export no longer lists (removed, never deleted).
import { randomUUID } from 'node:crypto';
import { arrayLiteral, BATCH } from '@/lib/agents/import/write.ts';
import type { Tx } from '@/lib/db.ts';
import type { MemberRow } from '@/lib/roster/members-csv.ts';
import type { RosterDiff } from './diff.ts';

export type RosterWrite = { memberIds: string[]; groupIds: string[]; groupsCreated: string[] };

export async function writeRoster(tx: Tx, workspaceId: string, diff: RosterDiff, at: Date): Promise<RosterWrite> {
  const memberIds: string[] = [];
  const touchedGroups = new Set<string>();
  const groups = await groupIndex(tx, workspaceId, diff, at);

  // New members: only the CSV knows them, so it sets everything. unnest() batches, as the agent import does.
  for (let i = 0; i < diff.created.length; i += BATCH) {
    const batch = diff.created.slice(i, i + BATCH).map((row) => ({ row, id: randomUUID() }));
    await tx.$executeRawUnsafe(
      `INSERT INTO "Member" (id, "workspaceId", email, "userName", name, "workspaceRole", status, "directAgentRoles",
       "identitySource", "createdAt", "updatedAt")
       SELECT u.id, $1, u.email, u.email, u.name, u.role, u.status, u.roles::text[], 'csv', $2, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(id, email, name,
       role, status, roles)`,
      workspaceId,
      at,
      batch.map((b) => b.id),
      batch.map((b) => b.row.email),
      batch.map((b) => b.row.name),
      batch.map((b) => b.row.role),
      batch.map((b) => b.row.status),
      batch.map((b) => arrayLiteral(b.row.agentRoles)),
    );
    const links = batch.flatMap((b) => b.row.groups.map((g) => ({ groupId: groups.idOf(g), memberId: b.id })));
    await insertLinks(tx, links);
    for (const l of links) touchedGroups.add(l.groupId);
    memberIds.push(...batch.map((b) => b.id));
  }

  for (const { row, existing, changes } of diff.changed) {
    const data: { workspaceRole?: string; directAgentRoles?: string[]; name?: string | null; status?: string } = {};
    for (const change of changes) {
      if (change.field === 'workspaceRole') data.workspaceRole = row.role;
      if (change.field === 'directAgentRoles') data.directAgentRoles = row.agentRoles;
      if (change.field === 'name') data.name = row.name;
      if (change.field === 'status') data.status = row.status;
    }
    await tx.member.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 }, updatedAt: at } });
    if (changes.some((c) => c.field === 'groups'))
      for (const g of await setGroups(tx, existing.id, row, groups.idOf)) touchedGroups.add(g);
    memberIds.push(existing.id);
  }

  const removedIds = diff.removed.map((m) => m.id);
  if (removedIds.length)
    await tx.member.updateMany({
      where: { id: { in: removedIds } },
      data: { status: 'removed', version: { increment: 1 }, updatedAt: at },
    });
  memberIds.push(...removedIds);

  const groupIds = [...touchedGroups];
  if (groupIds.length)
    await tx.group.updateMany({ where: { id: { in: groupIds } }, data: { updatedAt: at, version: { increment: 1 } } });
  return { memberIds, groupIds: [...new Set([...groupIds, ...groups.createdIds])], groupsCreated: groups.createdNames };
}

async function insertLinks(tx: Tx, links: { groupId: string; memberId: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += BATCH) {
    const batch = links.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "GroupMember" ("groupId", "memberId") SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT DO NOTHING`,
      batch.map((l) => l.groupId),
      batch.map((l) => l.memberId),
    );
  }
}

/** Makes the member's groups exactly the row's; returns the groups whose membership changed. */
async function setGroups(tx: Tx, memberId: string, row: MemberRow, idOf: (name: string) => string): Promise<string[]> {
  const wanted = new Set(row.groups.map(idOf));
  const current = (await tx.groupMember.findMany({ where: { memberId }, select: { groupId: true } })).map(
    (g) => g.groupId,
  );
  const drop = current.filter((g) => !wanted.has(g));
  const add = [...wanted].filter((g) => !current.includes(g));
  if (drop.length) await tx.groupMember.deleteMany({ where: { memberId, groupId: { in: drop } } });
  await insertLinks(
    tx,
    add.map((groupId) => ({ groupId, memberId })),
  );
  return [...drop, ...add];
}

/** Existing groups matched by name ignoring case; the ones CSV members name that do not exist are created. */
async function groupIndex(tx: Tx, workspaceId: string, diff: RosterDiff, at: Date) {
  const byName = new Map(
    (await tx.group.findMany({ where: { workspaceId }, select: { id: true, displayName: true } })).map((g) => [
      g.displayName.toLowerCase(),
      g.id,
    ]),
  );
  const needed = new Map<string, string>();
  const want = (rows: MemberRow[]) => {
    for (const r of rows)
      for (const g of r.groups)
        if (!byName.has(g.toLowerCase()) && !needed.has(g.toLowerCase())) needed.set(g.toLowerCase(), g);
  };
  want(diff.created);
  want(diff.changed.filter((c) => c.changes.some((x) => x.field === 'groups')).map((c) => c.row));
  const created = needed.size
    ? await tx.group.createManyAndReturn({
        data: [...needed.values()].map((displayName) => ({
          workspaceId,
          displayName,
          source: 'csv',
          createdAt: at,
          updatedAt: at,
        })),
        select: { id: true, displayName: true },
      })
    : [];
  for (const g of created) byName.set(g.displayName.toLowerCase(), g.id);
  return {
    idOf: (name: string) => byName.get(name.toLowerCase())!,
    createdIds: created.map((g) => g.id),
    createdNames: created.map((g) => g.displayName).sort(),
  };
}
