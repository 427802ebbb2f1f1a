// Reads of API tokens for Settings → API tokens and the CLI: never the hash.
import type { Db } from '@/lib/db.ts';

export async function listApiTokens(db: Db, filter: { ownerId?: string } = {}) {
  return db.apiToken.findMany({
    where: filter.ownerId ? { ownerId: filter.ownerId } : {},
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      label: true,
      prefix: true,
      role: true,
      workspaceId: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      revokedAt: true,
      revokedBy: true,
      owner: { select: { id: true, email: true, subject: true } },
    },
  });
}
