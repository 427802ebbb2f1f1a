// The scheduled pull: every enabled Compliance API source of a registered workspace, one after another.
import pg from 'pg';
import { createDb } from '@/lib/db.ts';
import { logger } from '@/lib/log.ts';
import { applyFile } from '@/lib/logs/pipeline.ts';
import { confirmActions } from '@/lib/platform/confirm.ts';
import { evaluateResponsePolicies } from '@/lib/platform/policies/service.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { pullWorkspace, type TypeOutcome } from './pull.ts';

export const API_KEY_PURPOSE = 'compliance-api-key';

export async function pullAllSources(
  url: string,
  secretKey: string,
): Promise<{ workspaceId: string; outcomes: TypeOutcome[] }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = createDb(url);
  try {
    const { rows } = await client.query<{
      workspaceId: string;
      principal: string;
      baseUrl: string;
      logTypes: string[];
      keyCiphertext: string;
    }>(
      `SELECT s."workspaceId", w.principal, s."baseUrl", s."logTypes", s."keyCiphertext" FROM "ComplianceSource" s
       JOIN "Workspace" w ON w.id = s."workspaceId" WHERE s.enabled AND w.principal IS NOT NULL
       ORDER BY s."workspaceId"`,
    );
    const results = [];
    for (const source of rows) {
      const settings = {
        baseUrl: source.baseUrl,
        principal: source.principal,
        apiKey: open(secretKey, API_KEY_PURPOSE, source.keyCiphertext),
      };
      const outcomes = await pullWorkspace(client, {
        workspaceId: source.workspaceId,
        settings,
        logTypes: source.logTypes,
        onFileStored: (fileId) => applyFile(db, fileId),
      });
      for (const o of outcomes) logger.info({ workspaceId: source.workspaceId, ...o }, 'compliance pull');
      // Platform actions look for their log event; a pull that failed part-way does not count as one without it.
      const countPull = outcomes.every((o) => o.error === null);
      await confirmActions(db, source.workspaceId, new Date(), { countPull }).catch((error: unknown) =>
        logger.error({ err: error, workspaceId: source.workspaceId }, 'platform action confirmation failed'),
      );
      // Response policies act on what this pull brought (docs/decisions/0026), after confirmations settled.
      await evaluateResponsePolicies(db, source.workspaceId).catch((error: unknown) =>
        logger.error({ err: error, workspaceId: source.workspaceId }, 'response policies failed'),
      );
      results.push({ workspaceId: source.workspaceId, outcomes });
    }
    return results;
  } finally {
    await client.end();
    await db.$disconnect();
  }
}
