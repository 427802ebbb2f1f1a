// Called at the end of every transaction that changes agent roles or action control, so findings never
// disagree with the configuration they describe (same transaction: both commit or neither).
import type { Actor } from '../audit/record.ts';
import type { Tx } from '../db.ts';
import { syncFindings } from '../findings/sync.ts';

export async function afterGovernedChange(tx: Tx, workspaceId: string, now: Date, actor: Actor): Promise<void> {
  await syncFindings(tx, workspaceId, now, actor);
}
