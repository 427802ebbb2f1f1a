// Reads what the GPT findings judge (lib/findings/gpt.ts): the workspace's listed custom GPTs at their latest
// configuration, the GPT policy in force, the reviewers' file classifications and use cases, and from the
// Compliance Logs when each GPT was last used and how far back the logs go.
import type { Db, Tx } from '@/lib/db.ts';
import { isFileClassification } from '@/lib/gpts/file-class.ts';
import { fileClassifications, gptUseCases, loadGptPolicy } from '@/lib/gpts/policy-queries.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import type { SnapshotGpt, SnapshotGpts } from './gpt.ts';

/** `gptIds`: only these GPTs (platform ids), with only their classifications and use cases — a batch of a
 *  large tenant; all of the workspace's listed GPTs when absent. */
export async function loadGptSnapshot(db: Db | Tx, workspaceId: string, gptIds?: string[]): Promise<SnapshotGpts> {
  const [agents, policy, workspace] = await Promise.all([
    // A GPT the platform no longer lists is gone from the workspace: nothing left to fix.
    db.agent.findMany({
      where: {
        workspaceId,
        kind: GPT_KIND,
        status: { not: 'deleted' },
        inLatestExport: true,
        ...(gptIds ? { externalId: { in: gptIds } } : {}),
      },
      select: { id: true, externalId: true, name: true, gptState: { select: { gpt: true } } },
      orderBy: { externalId: 'asc' },
    }),
    loadGptPolicy(db, workspaceId),
    db.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } }),
  ]);
  const agentIds = gptIds ? agents.map((a) => a.id) : undefined;
  const [classes, useCases] = await Promise.all([
    fileClassifications(db, workspaceId, agentIds),
    gptUseCases(db, workspaceId, agentIds),
  ]);
  const withState = agents.filter((a) => a.gptState?.gpt);
  const { lastUsed, logsFrom } = await gptUsage(
    db,
    workspace?.principal ?? null,
    withState.map((a) => a.externalId),
  );
  const useCaseOf = new Map(useCases.map((u) => [u.agentId, u.useCase]));
  // Grouped once: filtering every classification for every GPT is quadratic on a large tenant.
  const classesOf = new Map<string, SnapshotGpt['fileClassifications']>();
  for (const c of classes) {
    if (!isFileClassification(c.classification)) continue;
    const list = classesOf.get(c.agentId) ?? [];
    list.push({ fileId: c.fileId, classification: c.classification });
    classesOf.set(c.agentId, list);
  }
  const list: SnapshotGpt[] = withState.map((a) => ({
    gptId: a.externalId,
    name: a.name,
    gpt: a.gptState!.gpt as unknown as Gpt,
    fileClassifications: classesOf.get(a.id) ?? [],
    useCase: useCaseOf.get(a.id) ?? null,
    lastUsedAt: lastUsed.get(a.externalId) ?? null,
  }));
  const { version: _v, source: _s, createdBy: _b, createdAt: _a, ...gptPolicy } = policy;
  return { policy: gptPolicy, list, logsFrom };
}

async function gptUsage(db: Db | Tx, principal: string | null, gptIds: string[]) {
  const lastUsed = new Map<string, string>();
  if (principal === null || gptIds.length === 0) return { lastUsed, logsFrom: null };
  const [oldest] = await db.$queryRaw<{ oldest: Date | null }[]>`
    SELECT min(oldest) AS oldest FROM "LogEventCount" WHERE "principalId" = ${principal}`;
  if (!oldest?.oldest) return { lastUsed, logsFrom: null };
  // One index range per GPT ([principalId, agentId, at]): the newest event of each.
  const rows = await db.$queryRaw<{ agentId: string; at: Date }[]>`
    SELECT g.id AS "agentId", last.at FROM unnest(${gptIds}::text[]) AS g(id)
    CROSS JOIN LATERAL (SELECT e.at FROM "LogEvent" e WHERE e."principalId" = ${principal} AND e."agentId" = g.id
      ORDER BY e.at DESC LIMIT 1) last`;
  for (const r of rows) lastUsed.set(r.agentId, r.at.toISOString());
  return { lastUsed, logsFrom: oldest.oldest.toISOString() };
}
