// Reads of action controls, baseline and observed. No service imports, so the agents' reclassification and
// the findings snapshot can use it without an import circle through the writers.
import type { Db, Tx } from '@/lib/db.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import type { Side } from '@/lib/roles/dimensions.ts';
import { compareControls } from './compare.ts';
import { defaultBaselineControls } from './defaults.ts';
import type { ControlSpec, Mode, NewActionsDefault } from './types.ts';

export const CONTROL_SELECT = {
  id: true,
  appId: true,
  enabled: true,
  mode: true,
  allowedActions: true,
  deniedActions: true,
  newActionsDefault: true,
  updatedAt: true,
  updatedBy: true,
} as const;

export async function storedControls(db: Db | Tx, workspaceId: string, side: Side) {
  const rows = await db.actionControl.findMany({
    where: { workspaceId, side },
    select: CONTROL_SELECT,
    orderBy: { appId: 'asc' },
  });
  return rows;
}

export function specFromControlRow(row: {
  appId: string;
  enabled: boolean;
  mode: string;
  allowedActions: string[];
  deniedActions: string[];
  newActionsDefault: string;
}): ControlSpec {
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

type Reader = Db | Tx;

/** The approved action controls: the stored rows once edited, else the guide's 6.02 pack. */
export async function baselineControls(db: Reader, workspaceId: string): Promise<ControlSpec[]> {
  const rows = await storedControls(db, workspaceId, 'baseline');
  return rows.length > 0
    ? rows.map(specFromControlRow)
    : defaultBaselineControls(await currentCatalogue(db, workspaceId));
}

/** Both sides, the catalogue's apps, and who changed each side last: the Action control page. */
export async function controlMatrix(db: Reader, workspaceId: string) {
  const [catalogue, baselineRows, observedRows] = await Promise.all([
    currentCatalogue(db, workspaceId),
    storedControls(db, workspaceId, 'baseline'),
    storedControls(db, workspaceId, 'observed'),
  ]);
  const baseline = baselineRows.length > 0 ? baselineRows.map(specFromControlRow) : defaultBaselineControls(catalogue);
  const observed = observedRows.map(specFromControlRow);
  const lastChange = (rows: typeof baselineRows) =>
    rows.reduce<{ at: Date; by: string } | null>(
      (m, r) => (!m || r.updatedAt > m.at ? { at: r.updatedAt, by: r.updatedBy } : m),
      null,
    );
  return {
    catalogue,
    baseline,
    baselineIsDefault: baselineRows.length === 0,
    baselineChanged: lastChange(baselineRows),
    observed,
    observedChanged: lastChange(observedRows),
    departures: observed.length > 0 ? compareControls(baseline, observed) : [],
  };
}
