// The Compliance API source of a workspace (Alerts → Sources): base URL, log types and the API key,
// sealed at rest and never returned. Saving is audited without the key.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { seal } from '@/lib/runtime/secret-box.ts';
import { checkBaseUrl } from './puller/client.ts';
import { API_KEY_PURPOSE } from './puller/pull-all.ts';

export const DEFAULT_BASE_URL = 'https://api.chatgpt.com/v1/compliance';

export type SourceInput = { baseUrl: string; logTypes: string[]; apiKey?: string; enabled: boolean };

/** Creates or updates the source; `apiKey` may be left out on update to keep the stored one. */
export async function saveComplianceSource(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SourceInput,
  secretKey: string,
  now = new Date(),
) {
  try {
    checkBaseUrl(input.baseUrl);
  } catch (error) {
    if (error instanceof ConfigError) throw new AppError('unprocessable', `${error.message}.`);
    throw error;
  }
  const logTypes = [...new Set(input.logTypes.map((t) => t.trim().toUpperCase()).filter(Boolean))];
  if (logTypes.length === 0) throw new AppError('unprocessable', 'Choose at least one log type to pull.');
  const key = input.apiKey?.trim();
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } });
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    if (!workspace.principal)
      throw new AppError(
        'unprocessable',
        'Register the workspace’s Compliance API principal (Settings → Workspaces) before configuring the puller.',
      );
    const existing = await tx.complianceSource.findUnique({ where: { workspaceId } });
    if (!existing && !key) throw new AppError('unprocessable', 'The API key is required.');
    const data = {
      baseUrl: input.baseUrl,
      logTypes,
      enabled: input.enabled,
      updatedBy: actor.label,
      updatedAt: now,
      ...(key ? { keyCiphertext: seal(secretKey, API_KEY_PURPOSE, key) } : {}),
    };
    await tx.complianceSource.upsert({
      where: { workspaceId },
      create: { workspaceId, keyCiphertext: '', ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: existing ? 'logs.source.update' : 'logs.source.create',
      targetType: 'compliance_source',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: { baseUrl: input.baseUrl, logTypes, enabled: input.enabled, apiKeyChanged: Boolean(key) },
    });
  });
}
