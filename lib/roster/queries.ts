// Reading the roster: the filtered page with groups, and the figures above it.
import { containsText, equalsIgnoringCase } from '@/lib/db/text-match.ts';
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { ATTESTATION_DAYS } from './attestation.ts';
import type { RosterFilter } from './filter.ts';
import { orphanedOwnerEmails } from './orphans.ts';

const DAY_MS = 86_400_000;

/** Active owners and admins not re-attested within the last 90 days at `now`. */
export function overdueWhere(workspaceId: string, now: Date): Prisma.MemberWhereInput {
  return {
    workspaceId,
    status: 'active',
    workspaceRole: { in: ['owner', 'admin'] },
    OR: [{ attestedAt: null }, { attestedAt: { lte: new Date(now.getTime() - ATTESTATION_DAYS * DAY_MS) } }],
  };
}

export function memberWhere(workspaceId: string, f: RosterFilter, now: Date): Prisma.MemberWhereInput {
  const and: Prisma.MemberWhereInput[] = [{ workspaceId }];
  if (f.q)
    and.push({
      OR: [{ email: containsText(f.q) }, { name: containsText(f.q) }],
    });
  if (f.role) and.push({ workspaceRole: f.role === 'unknown' ? null : f.role });
  if (f.status !== 'any') and.push({ status: f.status });
  if (f.source) and.push({ identitySource: f.source });
  if (f.group) and.push({ groups: { some: { group: { displayName: equalsIgnoringCase(f.group) } } } });
  if (f.show === 'overdue') and.push(overdueWhere(workspaceId, now));
  if (f.show === 'direct') and.push({ directAgentRoles: { isEmpty: false } });
  return { AND: and };
}

export async function listMembers(db: Db, workspaceId: string, f: RosterFilter, now: Date) {
  const where = memberWhere(workspaceId, f, now);
  const [rows, total] = await Promise.all([
    db.member.findMany({
      where,
      orderBy: [{ email: 'asc' }],
      skip: (f.page - 1) * f.size,
      take: f.size,
      select: {
        id: true,
        email: true,
        name: true,
        workspaceRole: true,
        status: true,
        directAgentRoles: true,
        identitySource: true,
        attestedAt: true,
        attestedBy: true,
        groups: { select: { group: { select: { displayName: true } } }, orderBy: { group: { displayName: 'asc' } } },
      },
    }),
    db.member.count({ where }),
  ]);
  return { rows: rows.map(({ groups, ...m }) => ({ ...m, groups: groups.map((g) => g.group.displayName) })), total };
}

export async function rosterSummary(db: Db, workspaceId: string, now: Date) {
  const [byStatus, owners, admins, overdue, orphanOwners] = await Promise.all([
    db.member.groupBy({ by: ['status'], where: { workspaceId }, _count: { _all: true } }),
    db.member.count({ where: { workspaceId, status: 'active', workspaceRole: 'owner' } }),
    db.member.count({ where: { workspaceId, status: 'active', workspaceRole: 'admin' } }),
    db.member.count({ where: overdueWhere(workspaceId, now) }),
    orphanedOwnerEmails(db, workspaceId),
  ]);
  const status = (s: string) => byStatus.find((g) => g.status === s)?._count._all ?? 0;
  const orphanedAgents = orphanOwners.length
    ? await db.agent.count({ where: { workspaceId, ownerEmail: { in: orphanOwners } } })
    : 0;
  return {
    total: byStatus.reduce((n, g) => n + g._count._all, 0),
    active: status('active'),
    deactivated: status('deactivated'),
    removed: status('removed'),
    owners,
    admins,
    overdue,
    orphanedAgents,
  };
}

export async function groupNames(db: Db, workspaceId: string) {
  return (
    await db.group.findMany({ where: { workspaceId }, orderBy: { displayName: 'asc' }, select: { displayName: true } })
  ).map((g) => g.displayName);
}
