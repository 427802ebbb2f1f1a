// The Compliance API source of a workspace (Alerts → Sources, `tollgate platform configure`): base URL, log types,
// the read key and the optional act key, sealed at rest and never returned. Saving is audited without the keys;
// a base URL on another origin than the keys were entered with clears both (lib/platform/keys.ts).
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { planKeys } from '@/lib/platform/keys.ts';
import { checkBaseUrl } from './puller/client.ts';

export const DEFAULT_BASE_URL = 'https://api.chatgpt.com/v1/compliance';

/** `apiKey` is the read key. A key left out keeps the stored one; `removeActKey` drops the act key. */
export type SourceInput = {
  baseUrl: string;
  logTypes: string[];
  apiKey?: string;
  actKey?: string;
  removeActKey?: boolean;
  enabled: boolean;
};
export type SourceSaved = {
  created: boolean;
  readKey: 'stored' | 'none';
  actKey: 'stored' | 'none';
  keysClearedByOriginChange: boolean;
  /** False when asked to pull but no read key is stored (the keys were cleared and none entered). */
  enabled: boolean;
};

/** Creates or updates the source; without a read key stored the source is saved paused. */
export async function saveComplianceSource(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SourceInput,
  secretKey: string,
  now = new Date(),
): Promise<SourceSaved> {
  try {
    checkBaseUrl(input.baseUrl);
  } catch (error) {
    if (error instanceof ConfigError) throw new AppError('unprocessable', `${error.message}.`);
    throw error;
  }
  const logTypes = [...new Set(input.logTypes.map((t) => t.trim().toUpperCase()).filter(Boolean))];
  if (logTypes.length === 0) throw new AppError('unprocessable', 'Choose at least one log type to pull.');
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { principal: true } });
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    if (!workspace.principal)
      throw new AppError(
        'unprocessable',
        'Register the workspace’s Compliance API principal (Settings → Workspaces) before configuring the puller.',
      );
    await tx.$queryRaw`SELECT 1 FROM "ComplianceSource" WHERE "workspaceId" = ${workspaceId} FOR UPDATE`;
    const existing = await tx.complianceSource.findUnique({ where: { workspaceId } });
    if (!existing && !input.apiKey?.trim()) throw new AppError('unprocessable', 'The read key is required.');
    const keys = planKeys(
      existing,
      { baseUrl: input.baseUrl, readKey: input.apiKey, actKey: input.actKey, removeActKey: input.removeActKey },
      secretKey,
    );
    const enabled = input.enabled && keys.hasReadKey;
    const data = { baseUrl: input.baseUrl, logTypes, enabled, updatedBy: actor.label, updatedAt: now, ...keys.columns };
    await tx.complianceSource.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
    await recordAudit(tx, actor, {
      action: existing ? 'logs.source.update' : 'logs.source.create',
      targetType: 'compliance_source',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: {
        baseUrl: input.baseUrl,
        logTypes,
        enabled,
        readKeyChanged: keys.readKeyChanged,
        actKeyChanged: keys.actKeyChanged,
        keysClearedByOriginChange: keys.keysClearedByOriginChange,
      },
    });
    return {
      created: !existing,
      readKey: keys.hasReadKey ? 'stored' : 'none',
      actKey: keys.hasActKey ? 'stored' : 'none',
      keysClearedByOriginChange: keys.keysClearedByOriginChange,
      enabled,
    };
  });
}

/** What the form says after a save: above all, that a new origin cleared the keys. */
export function sourceSavedMessage(saved: SourceSaved, keyEntered: boolean): string {
  const paused = saved.enabled ? '' : ' The puller is paused until a read key is stored.';
  if (saved.keysClearedByOriginChange) {
    const kept = [saved.readKey === 'stored' && 'the read key', saved.actKey === 'stored' && 'the act key']
      .filter(Boolean)
      .join(' and ');
    return (
      "Source saved. The base URL's origin changed, so both stored keys were cleared" +
      (kept ? `; ${kept} entered now ${kept.includes(' and ') ? 'are' : 'is'} stored.` : '.') +
      paused
    );
  }
  if (keyEntered) return `Source saved; the key is stored encrypted and will not be shown again.${paused}`;
  return `Source saved.${paused}`;
}
