// Where and with which key the executor acts for a workspace: the Compliance API base, the workspace's principal
// and the act key, opened only here and only when a request is about to leave. Null without an act key: then
// nothing is sent and a suspension falls back to the console steps (docs/decisions/0026 "Without an act key").
import type { Db, Tx } from '@/lib/db.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import type { ActSettings } from './act-client.ts';
import { ACT_KEY_PURPOSE } from './kinds.ts';

export type { ActSettings } from './act-client.ts';

export async function loadActSettings(
  db: Db | Tx,
  workspaceId: string,
  secretKey: string,
): Promise<ActSettings | null> {
  const source = await db.complianceSource.findUnique({
    where: { workspaceId },
    select: { baseUrl: true, actKeyCiphertext: true, workspace: { select: { principal: true } } },
  });
  if (!source?.actKeyCiphertext || !source.workspace.principal) return null;
  return {
    baseUrl: source.baseUrl,
    principal: source.workspace.principal,
    actKey: open(secretKey, ACT_KEY_PURPOSE, source.actKeyCiphertext),
  };
}

/** Whether the workspace could act at all (an act key is stored), without opening it. */
export async function hasActKey(db: Db | Tx, workspaceId: string): Promise<boolean> {
  const source = await db.complianceSource.findUnique({
    where: { workspaceId },
    select: { actKeyCiphertext: true, workspace: { select: { principal: true } } },
  });
  return Boolean(source?.actKeyCiphertext && source.workspace.principal);
}
