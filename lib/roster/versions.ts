// The roster's versions (lib/history/versions.ts): a member or group as it stands after a change, so the
// roster on any past date can be rebuilt. Read back from the database inside the writing transaction, so
// the version is what was stored, whichever path (CSV import, attestation) wrote it. Member versions carry
// SCIM's snapshot fields (lib/scim/records.ts) plus groups and the 1.4 attestation.
import type { Tx } from '@/lib/db.ts';
import { recordVersions } from '@/lib/history/versions.ts';

/** Snapshotted by the server (one statement per 5,000 members): SCIM's snapshot fields, groups and the attestation. */
export async function versionMembers(tx: Tx, workspaceId: string, memberIds: string[], at: Date): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 5000) {
    await tx.$executeRaw`
      INSERT INTO "RecordVersion" ("workspaceId", entity, "entityId", at, data)
      SELECT m."workspaceId", 'member', m.id, ${at}, jsonb_build_object(
        'email', m.email, 'userName', m."userName", 'name', m.name, 'externalId', m."externalId", 'status', m.status,
        'workspaceRole', m."workspaceRole", 'directAgentRoles', to_jsonb(coalesce(m."directAgentRoles",
        ARRAY[]::text[])), 'identitySource', m."identitySource",
        'attestedAt', to_char(m."attestedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'attestedBy',
        m."attestedBy",
        'groups', coalesce((SELECT jsonb_agg(g."displayName" ORDER BY g."displayName") FROM "GroupMember" gm
        JOIN "Group" g ON g.id = gm."groupId" WHERE gm."memberId" = m.id), '[]'::jsonb))
      FROM "Member" m WHERE m."workspaceId" = ${workspaceId} AND m.id = ANY(${memberIds.slice(i, i + 5000)}::text[])
      ORDER BY m.email`;
  }
}

export async function versionGroups(tx: Tx, workspaceId: string, groupIds: string[], at: Date): Promise<void> {
  for (let i = 0; i < groupIds.length; i += 500) {
    const groups = await tx.group.findMany({
      where: { workspaceId, id: { in: groupIds.slice(i, i + 500) } },
      select: {
        id: true,
        displayName: true,
        externalId: true,
        source: true,
        members: { select: { member: { select: { id: true, email: true } } } },
      },
    });
    // The same shape as SCIM's group versions (lib/scim/records.ts): members as {id, email}, sorted by email.
    await recordVersions(
      tx,
      groups.map(({ id, members, ...g }) => ({
        workspaceId,
        entity: 'group',
        entityId: id,
        at,
        data: { ...g, members: members.map((m) => m.member).sort((a, b) => a.email.localeCompare(b.email)) },
      })),
    );
  }
}
