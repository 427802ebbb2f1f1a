// Reads of stored action controls (no service imports, so the agents' reclassification can use it).
import type { Db, Tx } from '../db.ts';
import type { Side } from '../roles/dimensions.ts';
import type { ControlSpec, Mode, NewActionsDefault } from './types.ts';

export const CONTROL_SELECT = { id: true, appId: true, enabled: true, mode: true, allowedActions: true, deniedActions: true, newActionsDefault: true, updatedAt: true, updatedBy: true } as const;

export async function storedControls(db: Db | Tx, workspaceId: string, side: Side) {
  const rows = await db.actionControl.findMany({ where: { workspaceId, side }, select: CONTROL_SELECT, orderBy: { appId: 'asc' } });
  return rows;
}

export function specFromControlRow(row: { appId: string; enabled: boolean; mode: string; allowedActions: string[]; deniedActions: string[]; newActionsDefault: string }): ControlSpec {
  return {
    appId: row.appId,
    enabled: row.enabled,
    mode: row.mode as Mode,
    allowedActions: row.allowedActions,
    deniedActions: row.deniedActions,
    newActionsDefault: row.newActionsDefault as NewActionsDefault,
  };
}

/** The workspace's action controls as last imported (empty until an observed export is uploaded). */
export async function observedControls(db: Db | Tx, workspaceId: string): Promise<ControlSpec[]> {
  return (await storedControls(db, workspaceId, 'observed')).map(specFromControlRow);
}
