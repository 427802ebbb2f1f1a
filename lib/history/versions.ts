// The change log of governed records (roster, agent roles, action control, exceptions, findings, agents):
// every change appends the record's new state; a deletion appends null. The state of any record at a
// past instant is its latest version at or before that instant — what evidence exports show for a date.
import type { Db, Tx } from '@/lib/db.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';

// Agents are versioned by database triggers (migration agent_versions), whatever writes them.
export const VERSIONED = [
  'member',
  'group',
  'agent_role',
  'action_control',
  'exception',
  'finding',
  'approval_policy',
  'agent',
] as const;
export type VersionedEntity = (typeof VERSIONED)[number];

export type VersionInput = {
  workspaceId: string;
  entity: VersionedEntity;
  entityId: string;
  at: Date;
  data: object | null;
};

/** Appends versions in one statement; call it inside the transaction that makes the change. */
export async function recordVersions(tx: Tx | Db, versions: VersionInput[]): Promise<void> {
  if (versions.length === 0) return;
  await tx.recordVersion.createMany({
    data: versions.map((v) => ({
      workspaceId: v.workspaceId,
      entity: v.entity,
      entityId: v.entityId,
      at: v.at,
      data: v.data === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(v.data)) as Prisma.InputJsonValue),
    })),
  });
}

/** Every record of one kind as it stood at `at` (deleted ones left out), keyed by entity id. */
export async function stateAt<T>(
  db: Db | Tx,
  workspaceId: string,
  entity: VersionedEntity,
  at: Date,
): Promise<Map<string, T>> {
  const rows = await db.$queryRaw<{ entityId: string; data: T | null }[]>`
    SELECT DISTINCT ON ("entityId") "entityId", data FROM "RecordVersion"
    WHERE "workspaceId" = ${workspaceId} AND entity = ${entity} AND at <= ${at}
    ORDER BY "entityId", at DESC, id DESC`;
  return new Map(rows.filter((r) => r.data !== null).map((r) => [r.entityId, r.data as T]));
}

/** One record's versions, oldest first: its history. */
export async function versionsOf(db: Db | Tx, workspaceId: string, entity: VersionedEntity, entityId: string) {
  return db.recordVersion.findMany({
    where: { workspaceId, entity, entityId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { at: true, data: true },
  });
}
