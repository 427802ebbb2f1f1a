// SCIM Groups → roster Groups and their members, in the token's workspace. Agent roles map to groups by
// display name; a group never maps to a Tollgate dashboard role (those come from the SSO groups claim).
import { equalsIgnoringCase } from '@/lib/db/text-match.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Tx } from '@/lib/db.ts';
import { recordVersions } from '@/lib/history/versions.ts';
import { MAX_RESULTS } from './discovery.ts';
import { invalidValue, notFound, uniqueness } from './errors.ts';
import { parseFilter, parsePagination } from './filter.ts';
import { GROUP_DEF, parseGroup, toGroupResource, type GroupMemberRef } from './group-mapping.ts';
import type { ScimContext } from './http.ts';
import { applyPatch, parsePatchBody } from './patch.ts';
import { assertIfMatch, assertUsableId } from './preconditions.ts';
import { parseProjection, projectResource, returns } from './projection.ts';
import { groupSnapshot, lockWorkspace, syncFindings, versionGroups, versionMembers } from './records.ts';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const withMembers = { members: { select: { member: { select: { id: true, email: true, name: true } } } } } as const;
type GroupWithMembers = Prisma.GroupGetPayload<{ include: typeof withMembers }>;

const membersOf = (g: GroupWithMembers): GroupMemberRef[] =>
  g.members.map((m) => m.member).sort((a, b) => a.email.localeCompare(b.email));

export async function listGroups(scim: ScimContext, params: URLSearchParams) {
  const conditions = parseFilter('Group', params.get('filter'));
  const { startIndex, count } = parsePagination(params, MAX_RESULTS);
  const where: Prisma.GroupWhereInput = {
    workspaceId: scim.workspaceId,
    AND: conditions.map(({ attribute, value }): Prisma.GroupWhereInput => {
      if (attribute === 'displayName') return { displayName: equalsIgnoringCase(value) };
      if (attribute === 'externalId') return { externalId: value };
      return { id: value };
    }),
  };
  const projection = parseProjection(GROUP_DEF, params);
  // Entra ID asks `excludedAttributes=members` to keep big groups cheap: members are then not even loaded.
  const members = returns(projection, 'members');
  const [total, rows] = await Promise.all([
    scim.db.group.count({ where }),
    count === 0
      ? []
      : scim.db.group.findMany({
          where,
          include: withMembers,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          skip: startIndex - 1,
          take: count,
        }),
  ]);
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((g) =>
      projectResource(toGroupResource(g, members ? membersOf(g) : null, scim.baseUrl), projection),
    ),
  };
}

async function findGroup(tx: Tx | ScimContext['db'], scim: ScimContext, id: string) {
  assertUsableId(id, `Group ${id}`);
  const group = await tx.group.findFirst({ where: { id, workspaceId: scim.workspaceId }, include: withMembers });
  if (!group) throw notFound(`Group ${id}`);
  return group;
}

export async function getGroup(scim: ScimContext, id: string, params: URLSearchParams) {
  const projection = parseProjection(GROUP_DEF, params);
  const group = await findGroup(scim.db, scim, id);
  return projectResource(
    toGroupResource(group, returns(projection, 'members') ? membersOf(group) : null, scim.baseUrl),
    projection,
  );
}

/** Writes a parsed group (new, adopted from the CSV, or replaced): fields, then exactly its members. */
async function writeGroup(tx: Tx, scim: ScimContext, existing: GroupWithMembers | null, body: unknown, action: string) {
  const { resource, fields } = parseGroup(body);
  const clash = await tx.group.findFirst({
    where: {
      workspaceId: scim.workspaceId,
      displayName: equalsIgnoringCase(fields.displayName),
      ...(existing ? { id: { not: existing.id } } : {}),
    },
  });
  // A group only the CSV knew is taken over (SCIM wins for groups); another SCIM group is a conflict.
  if (clash && (clash.source === 'scim' || existing))
    throw uniqueness(`A group named "${fields.displayName}" already exists in this workspace.`);
  const target = existing ?? (clash ? await findGroup(tx, scim, clash.id) : null);
  const known = await tx.member.findMany({
    where: { workspaceId: scim.workspaceId, id: { in: fields.memberIds }, status: { not: 'removed' } },
    select: { id: true },
  });
  const missing = fields.memberIds.filter((id) => !known.some((k) => k.id === id));
  if (missing.length)
    throw invalidValue(
      `members value "${missing[0]}" is not a user of this ` +
        `workspace${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}.`,
    );

  const before = target ? await groupSnapshot(tx, target.id) : null;
  const current = new Set(target ? target.members.map((m) => m.member.id) : []);
  const wanted = new Set(fields.memberIds);
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  const data = {
    displayName: fields.displayName,
    externalId: fields.externalId,
    source: 'scim',
    scim: resource as Prisma.InputJsonObject,
  };
  const sameFields =
    target &&
    canonicalJson({ ...data, scim: resource }) ===
      canonicalJson({
        displayName: target.displayName,
        externalId: target.externalId,
        source: target.source,
        scim: target.scim,
      });
  if (target && sameFields && added.length === 0 && removed.length === 0)
    return toGroupResource(target, membersOf(target), scim.baseUrl);

  const now = new Date();
  const group = target
    ? await tx.group.update({ where: { id: target.id }, data: { ...data, version: { increment: 1 }, updatedAt: now } })
    : await tx.group.create({ data: { ...data, workspaceId: scim.workspaceId, createdAt: now, updatedAt: now } });
  if (removed.length) await tx.groupMember.deleteMany({ where: { groupId: group.id, memberId: { in: removed } } });
  if (added.length)
    await tx.groupMember.createMany({ data: added.map((memberId) => ({ groupId: group.id, memberId })) });
  await versionGroups(tx, scim.workspaceId, [group.id], now);
  // Member versions carry their groups: those who joined or left get one too.
  await versionMembers(tx, scim.workspaceId, [...added, ...removed], now);
  const after = await groupSnapshot(tx, group.id);
  await recordAudit(tx, scim.actor, {
    action: target && !existing ? 'scim.group.adopt' : action,
    targetType: 'group',
    targetId: group.id,
    workspaceId: scim.workspaceId,
    diff: {
      before: before && { displayName: before.displayName, externalId: before.externalId, source: before.source },
      after: { displayName: after.displayName, externalId: after.externalId, source: after.source },
      membersAdded: after.members.filter((m) => added.includes(m.id)).map((m) => m.email),
      membersRemoved: (before?.members ?? []).filter((m) => removed.includes(m.id)).map((m) => m.email),
    },
  });
  await syncFindings(tx, scim.workspaceId, now, scim.actor);
  const fresh = await findGroup(tx, scim, group.id);
  return toGroupResource(fresh, membersOf(fresh), scim.baseUrl);
}

export async function createGroup(scim: ScimContext, body: unknown) {
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    return writeGroup(tx, scim, null, body, 'scim.group.create');
  });
}

export async function replaceGroup(scim: ScimContext, id: string, body: unknown) {
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const existing = await findGroup(tx, scim, id);
    assertIfMatch(scim.ifMatch, existing.version);
    return writeGroup(tx, scim, existing, body, 'scim.group.replace');
  });
}

export async function patchGroup(scim: ScimContext, id: string, body: unknown) {
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const existing = await findGroup(tx, scim, id);
    assertIfMatch(scim.ifMatch, existing.version);
    // Checked before scim-patch sees anything; after the lookup, so an unknown id is a 404 whatever the body.
    const operations = parsePatchBody(body, GROUP_DEF);
    const { id: _id, meta: _meta, ...current } = toGroupResource(existing, membersOf(existing), scim.baseUrl);
    const members = (current.members as { value: string }[]).map((m) => ({ value: m.value }));
    return writeGroup(
      tx,
      scim,
      existing,
      applyPatch({ ...current, members }, operations, GROUP_DEF),
      'scim.group.patch',
    );
  });
}

export async function deleteGroup(scim: ScimContext, id: string) {
  await scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    assertIfMatch(scim.ifMatch, (await findGroup(tx, scim, id)).version);
    const before = await groupSnapshot(tx, id);
    const now = new Date();
    // The row goes (its memberships cascade); the change log keeps it, ending with a null version.
    await tx.group.delete({ where: { id } });
    await recordVersions(tx, [{ workspaceId: scim.workspaceId, entity: 'group', entityId: id, at: now, data: null }]);
    await versionMembers(
      tx,
      scim.workspaceId,
      before.members.map((m) => m.id),
      now,
    );
    await recordAudit(tx, scim.actor, {
      action: 'scim.group.delete',
      targetType: 'group',
      targetId: id,
      workspaceId: scim.workspaceId,
      diff: { before: { displayName: before.displayName, members: before.members.map((m) => m.email) } },
    });
    await syncFindings(tx, scim.workspaceId, now, scim.actor);
  });
}
