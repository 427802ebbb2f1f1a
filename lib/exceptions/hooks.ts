// What follows every exception transition inside its transaction: the workspace's findings are
// re-evaluated (lib/findings/sync.ts), so the findings an exception covers move with it.
import type { Actor } from '../audit/record.ts';
import type { Tx } from '../db.ts';
import { syncFindings } from '../findings/sync.ts';

export async function afterExceptionChange(tx: Tx, workspaceId: string, now: Date, actor: Actor): Promise<void> {
  await syncFindings(tx, workspaceId, now, actor);
}
