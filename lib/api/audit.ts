// Request-level audit of API use: every write is recorded; reads are sampled (one event per token per minute,
// saying which operation), and the token's last use (time and address) is kept at most a minute stale.
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import type { Operation } from './operation.ts';
import type { ApiTokenInfo } from './tokens.ts';

export async function auditRequest(
  db: Db,
  input: { actor: Actor; token: ApiTokenInfo; op: Operation; status: number; workspaceId: string | null; path: string },
): Promise<void> {
  const { actor, token, op, status } = input;
  const write = op.method !== 'GET';
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "ApiToken" SET "lastUsedAt" = now(), "lastUsedIp" = ${actor.sourceIp ?? null}
      WHERE id = ${token.id}::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute'
        OR "lastUsedIp" IS DISTINCT FROM ${actor.sourceIp ?? null})`;
    const sampled = write
      ? 1
      : await tx.$executeRaw`
          UPDATE "ApiToken" SET "lastReadAuditAt" = now()
          WHERE id = ${token.id}::uuid
            AND ("lastReadAuditAt" IS NULL OR "lastReadAuditAt" < now() - interval '1 minute')`;
    if (sampled !== 1) return;
    await recordAudit(tx, actor, {
      action: write ? 'api.write' : 'api.read',
      targetType: 'api_token',
      targetId: token.id,
      workspaceId: input.workspaceId,
      diff: { operation: op.id, method: op.method, path: input.path, status, ...(write ? {} : { sampled: true }) },
    });
  });
}
