// The scheduled GPT read (pg-boss queue `gpt-read`, same schedule as the log pull): every enabled Compliance API
// source of a workspace with a principal, one after another, with the puller's key. One workspace's failure is
// logged and recorded on its read; the others still run.
import type { Db } from '@/lib/db.ts';
import { logger } from '@/lib/log.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { confirmActions } from '@/lib/platform/confirm.ts';
import { evaluateResponsePolicies } from '@/lib/platform/policies/service.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { type GptReadResult, readGptsFromApi } from './read.ts';

export async function readAllGptSources(
  db: Db,
  secretKey: string,
): Promise<{ workspaceId: string; result: GptReadResult | null }[]> {
  const sources = await db.complianceSource.findMany({
    where: { enabled: true, workspace: { principal: { not: null } } },
    select: { workspaceId: true, baseUrl: true, keyCiphertext: true, workspace: { select: { principal: true } } },
    orderBy: { workspaceId: 'asc' },
  });
  const out: { workspaceId: string; result: GptReadResult | null }[] = [];
  for (const source of sources) {
    const settings = {
      baseUrl: source.baseUrl,
      principal: source.workspace.principal!,
      apiKey: open(secretKey, API_KEY_PURPOSE, source.keyCiphertext),
    };
    try {
      const result = await readGptsFromApi(db, source.workspaceId, settings);
      const { totals, issues, error } = result;
      logger.info({ workspaceId: source.workspaceId, ...totals, issues, error }, 'gpt read');
      out.push({ workspaceId: source.workspaceId, result });
      // A GPT action may be confirmed by what this read shows (isolated, deleted, file gone); not a pull: no count.
      await confirmActions(db, source.workspaceId, new Date(), { countPull: false }).catch((e: unknown) =>
        logger.error({ err: e, workspaceId: source.workspaceId }, 'platform action confirmation failed'),
      );
      // Response policies act on what this read shows (a GPT shared beyond policy), after confirmations settled.
      await evaluateResponsePolicies(db, source.workspaceId).catch((e: unknown) =>
        logger.error({ err: e, workspaceId: source.workspaceId }, 'response policies failed'),
      );
    } catch (error) {
      logger.error({ err: error, workspaceId: source.workspaceId }, 'gpt read failed');
      out.push({ workspaceId: source.workspaceId, result: null });
    }
  }
  return out;
}
