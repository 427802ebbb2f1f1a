// SCIM Users → roster Members of the token's workspace. Each write is one transaction with its audit
// event and member version. SCIM sets identity only: never workspaceRole, directAgentRoles, nor any
// Tollgate dashboard role. A DELETE keeps the row as `removed` (agents still name their owner by email).
import { equalsIgnoringCase } from '@/lib/db/text-match.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { diffRecords } from '@/lib/audit/redact.ts';
import type { Tx } from '@/lib/db.ts';
import { MAX_RESULTS } from './discovery.ts';
import { notFound, uniqueness } from './errors.ts';
import { parseFilter, parsePagination } from './filter.ts';
import type { ScimContext } from './http.ts';
import { applyPatch, parsePatchBody } from './patch.ts';
import { assertIfMatch, assertUsableId } from './preconditions.ts';
import { parseProjection, projectResource } from './projection.ts';
import { lockWorkspace, memberSnapshot, syncFindings, versionGroups, versionMembers } from './records.ts';
import { parseUser, toUserResource, USER_DEF, type MemberFields } from './user-mapping.ts';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const withGroups = { groups: { select: { group: { select: { id: true, displayName: true } } } } } as const;
type MemberWithGroups = Prisma.MemberGetPayload<{ include: typeof withGroups }>;

const resourceOf = (m: MemberWithGroups, baseUrl: string) =>
  toUserResource({ ...m, groups: m.groups.map((g) => g.group) }, baseUrl);

export async function listUsers(scim: ScimContext, params: URLSearchParams) {
  const conditions = parseFilter('User', params.get('filter'));
  const { startIndex, count } = parsePagination(params, MAX_RESULTS);
  const projection = parseProjection(USER_DEF, params);
  const where: Prisma.MemberWhereInput = { workspaceId: scim.workspaceId, status: { not: 'removed' } };
  where.AND = conditions.map(({ attribute, value }): Prisma.MemberWhereInput => {
    if (attribute === 'userName') return { userName: equalsIgnoringCase(value) };
    if (attribute === 'emails.value') return { email: value.toLowerCase() };
    if (attribute === 'externalId') return { externalId: value };
    return { id: value };
  });
  const [total, rows] = await Promise.all([
    scim.db.member.count({ where }),
    count === 0
      ? []
      : scim.db.member.findMany({
          where,
          include: withGroups,
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
    Resources: rows.map((m) => projectResource(resourceOf(m, scim.baseUrl), projection)),
  };
}

async function findLive(tx: Tx | ScimContext['db'], scim: ScimContext, id: string) {
  assertUsableId(id, `User ${id}`);
  const member = await tx.member.findFirst({
    where: { id, workspaceId: scim.workspaceId, status: { not: 'removed' } },
    include: withGroups,
  });
  if (!member) throw notFound(`User ${id}`);
  return member;
}

export async function getUser(scim: ScimContext, id: string, params = new URLSearchParams()) {
  const projection = parseProjection(USER_DEF, params);
  return projectResource(resourceOf(await findLive(scim.db, scim, id), scim.baseUrl), projection);
}

/** Other rows this identity would collide with (same email, or same userName ignoring case). */
async function collisions(
  tx: Tx,
  scim: ScimContext,
  fields: Pick<MemberFields, 'email' | 'userName'>,
  exceptId: string | null,
) {
  return tx.member.findMany({
    where: {
      workspaceId: scim.workspaceId,
      ...(exceptId ? { id: { not: exceptId } } : {}),
      OR: [{ email: fields.email }, { userName: equalsIgnoringCase(fields.userName) }],
    },
  });
}

export async function createUser(scim: ScimContext, body: unknown) {
  const { resource, fields } = parseUser(body);
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const others = await collisions(tx, scim, fields, null);
    // A member only the CSV knew, or one SCIM removed earlier, is taken over: SCIM wins for identity.
    const live = others.filter((m) => m.identitySource === 'scim' && m.status !== 'removed');
    if (live.length > 0 || others.length > 1)
      throw uniqueness(
        `userName "${fields.userName}" (email ${fields.email}) is already provisioned in this workspace.`,
      );
    const data = {
      ...fields,
      status: fields.status ?? 'active',
      identitySource: 'scim',
      scim: resource as Prisma.InputJsonObject,
    };
    const now = new Date();
    const adopted = others[0];
    const member = adopted
      ? await tx.member.update({
          where: { id: adopted.id },
          data: { ...data, version: { increment: 1 }, updatedAt: now },
          include: withGroups,
        })
      : await tx.member.create({
          data: { ...data, workspaceId: scim.workspaceId, createdAt: now, updatedAt: now },
          include: withGroups,
        });
    await versionMembers(tx, scim.workspaceId, [member.id], now);
    await recordAudit(tx, scim.actor, {
      action: adopted ? 'scim.user.adopt' : 'scim.user.create',
      targetType: 'member',
      targetId: member.id,
      workspaceId: scim.workspaceId,
      diff: diffRecords(adopted ? memberSnapshot(adopted) : null, memberSnapshot(member)),
    });
    await syncFindings(tx, scim.workspaceId, now, scim.actor);
    return resourceOf(member, scim.baseUrl);
  });
}

async function writeUser(tx: Tx, scim: ScimContext, existing: MemberWithGroups, body: unknown, action: string) {
  const parsed = parseUser(body);
  const resource = parsed.resource;
  // "active" unassigned (left out of a PUT, or removed by a PATCH, RFC 7644 §3.5.2.2) changes nothing: only
  // "active": true reactivates a deactivated member.
  const fields = { ...parsed.fields, status: parsed.fields.status ?? existing.status };
  // The email is unique per workspace; a userName only clashes with another live SCIM member.
  const others = await collisions(tx, scim, fields, existing.id);
  if (others.some((m) => m.email === fields.email || (m.identitySource === 'scim' && m.status !== 'removed'))) {
    throw uniqueness(
      `userName "${fields.userName}" (email ${fields.email}) belongs to another member of this workspace.`,
    );
  }
  // Okta re-sends whole users on every sync: an identical PUT writes nothing (jsonb reorders keys, hence canonical).
  const unchanged =
    canonicalJson(memberSnapshot({ ...existing, ...fields, identitySource: 'scim' })) ===
      canonicalJson(memberSnapshot(existing)) && canonicalJson(resource) === canonicalJson(existing.scim ?? null);
  if (unchanged) return resourceOf(existing, scim.baseUrl);
  const now = new Date();
  const member = await tx.member.update({
    where: { id: existing.id },
    data: {
      ...fields,
      identitySource: 'scim',
      scim: resource as Prisma.InputJsonObject,
      version: { increment: 1 },
      updatedAt: now,
    },
    include: withGroups,
  });
  await versionMembers(tx, scim.workspaceId, [member.id], now);
  await recordAudit(tx, scim.actor, {
    action,
    targetType: 'member',
    targetId: member.id,
    workspaceId: scim.workspaceId,
    diff: diffRecords(memberSnapshot(existing), memberSnapshot(member)),
  });
  await syncFindings(tx, scim.workspaceId, now, scim.actor);
  return resourceOf(member, scim.baseUrl);
}

export async function replaceUser(scim: ScimContext, id: string, body: unknown) {
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const existing = await findLive(tx, scim, id);
    assertIfMatch(scim.ifMatch, existing.version);
    return writeUser(tx, scim, existing, body, 'scim.user.replace');
  });
}

export async function patchUser(scim: ScimContext, id: string, body: unknown) {
  return scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const existing = await findLive(tx, scim, id);
    assertIfMatch(scim.ifMatch, existing.version);
    // Checked before scim-patch sees anything; after the lookup, so an unknown id is a 404 whatever the body.
    const operations = parsePatchBody(body, USER_DEF);
    // The answer's "active" is the roster's status; when the IdP left "active" unassigned, patching must not
    // write that status back as if the IdP had sent it.
    const { id: _id, meta: _meta, groups: _groups, ...current } = resourceOf(existing, scim.baseUrl);
    const stored =
      existing.scim && typeof existing.scim === 'object' ? (existing.scim as Record<string, unknown>) : null;
    if (stored && !('active' in stored)) delete current.active;
    return writeUser(tx, scim, existing, applyPatch(current, operations, USER_DEF), 'scim.user.patch');
  });
}

export async function deleteUser(scim: ScimContext, id: string) {
  await scim.db.$transaction(async (tx) => {
    await lockWorkspace(tx, scim.workspaceId);
    const existing = await findLive(tx, scim, id);
    assertIfMatch(scim.ifMatch, existing.version);
    const now = new Date();
    // The IdP no longer knows this person: they leave its groups; the row stays for their agents.
    const groupIds = existing.groups.map((g) => g.group.id);
    await tx.groupMember.deleteMany({ where: { memberId: id } });
    if (groupIds.length)
      await tx.group.updateMany({
        where: { id: { in: groupIds } },
        data: { version: { increment: 1 }, updatedAt: now },
      });
    const member = await tx.member.update({
      where: { id },
      data: { status: 'removed', version: { increment: 1 }, updatedAt: now },
    });
    await versionMembers(tx, scim.workspaceId, [member.id], now);
    await versionGroups(tx, scim.workspaceId, groupIds, now);
    await recordAudit(tx, scim.actor, {
      action: 'scim.user.delete',
      targetType: 'member',
      targetId: id,
      workspaceId: scim.workspaceId,
      diff: {
        ...diffRecords(memberSnapshot(existing), memberSnapshot(member)),
        leftGroups: existing.groups.map((g) => g.group.displayName),
      },
    });
    await syncFindings(tx, scim.workspaceId, now, scim.actor);
  });
}
