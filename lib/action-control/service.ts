// Connector action control (6.2), baseline and observed. The baseline is the guide's 6.02 pack, computed in code,
// until an admin edits or imports it; the first change materialises it. The observed side is only imported, and
// every observed change reclassifies the workspace's agents in the same transaction (read_only or denied sends
// mitigate a trifecta). Every change: rows, versions (entity action_control), audit event, findings.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { reclassifyWorkspace } from '@/lib/agents/reclassify.ts';
import { currentCatalogue } from '@/lib/apps/queries.ts';
import { recordVersions } from '@/lib/history/versions.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { PackError, formatIssue } from '@/lib/packs/jsonc.ts';
import type { Side } from '@/lib/roles/dimensions.ts';
import { compareControls, type ControlDeparture } from './compare.ts';
import { readControlsPack } from './pack.ts';
import { baselineControls, specFromControlRow, storedControls } from './queries.ts';
import { validateControl } from './validate.ts';
import type { ControlSpec } from './types.ts';

/** Sets one app's baseline control (validated against the catalogue). */
export async function saveBaselineControl(
  db: Db,
  actor: Actor,
  workspaceId: string,
  control: ControlSpec,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    await lockControls(tx, workspaceId);
    const catalogue = await currentCatalogue(tx, workspaceId);
    const clean = normalise(control);
    const problems = validateControl(clean, catalogue);
    if (problems.length > 0)
      throw new AppError(
        'unprocessable',
        `${clean.appId}: ` +
          `${problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ')}. ` +
          `Nothing was changed.`,
      );
    const current = await baselineControls(tx, workspaceId);
    const before = current.find((c) => c.appId === clean.appId) ?? null;
    const next = before ? current.map((c) => (c === before ? clean : c)) : [...current, clean];
    const written = await writeSide(tx, actor, workspaceId, 'baseline', next, now);
    await recordAudit(tx, actor, {
      action: 'action_control.baseline_update',
      targetType: 'action_control',
      targetId: clean.appId,
      workspaceId,
      diff: { before, after: clean, materialisedDefault: written.materialised },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return { ...written, control: clean };
  });
}

export type ControlImportResult = {
  side: Side;
  apps: number;
  created: number;
  updated: number;
  removed: number;
  /** Observed imports: where the workspace departs from the approved baseline. */
  departuresFromBaseline: ControlDeparture[];
  reclassified: number;
};

/** Imports a 6.02 pack as the whole baseline or the whole observed configuration (apps left out are removed). */
export async function importControlsPack(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { side: Side; filename: string; text: string },
  now = new Date(),
): Promise<ControlImportResult> {
  return db.$transaction(
    async (tx) => {
      await lockControls(tx, workspaceId);
      const catalogue = await currentCatalogue(tx, workspaceId);
      let next: ControlSpec[];
      try {
        next = readControlsPack(input.text, catalogue);
      } catch (error) {
        if (error instanceof PackError)
          throw new AppError(
            'unprocessable',
            `${input.filename}: ${error.issues.map(formatIssue).join('; ')}. Nothing was imported.`,
          );
        throw error;
      }
      const written = await writeSide(tx, actor, workspaceId, input.side, next, now);
      // Observed control decides which sends are closed: the agents' stored state follows it.
      const reclassified =
        input.side === 'observed' ? await reclassifyWorkspace(tx, workspaceId, catalogue, undefined, now) : 0;
      const baseline = await baselineControls(tx, workspaceId);
      const result: ControlImportResult = {
        side: input.side,
        apps: next.length,
        created: written.created,
        updated: written.updated,
        removed: written.removed,
        departuresFromBaseline: input.side === 'observed' ? compareControls(baseline, next) : [],
        reclassified,
      };
      await recordAudit(tx, actor, {
        action: `action_control.import_${input.side}`,
        targetType: 'action_control',
        workspaceId,
        at: now,
        diff: {
          filename: input.filename,
          apps: next.map((c) => c.appId),
          created: written.created,
          updated: written.updated,
          removed: written.removed,
          reclassified,
          departuresFromBaseline: result.departuresFromBaseline.map((d) => d.message),
        },
      });
      await syncFindings(tx, workspaceId, now, actor);
      return result;
    },
    { timeout: 120_000 },
  );
}

function normalise(c: ControlSpec): ControlSpec {
  const clean = (list: string[]) => [...new Set(list.map((a) => a.trim()).filter(Boolean))];
  return {
    ...c,
    appId: c.appId.trim(),
    allowedActions: clean(c.allowedActions),
    deniedActions: clean(c.deniedActions),
  };
}

// Takes the catalogue's lock too: the agents' classification depends on both, so neither change may
// reclassify against a stale view of the other.
async function lockControls(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`catalogue:${workspaceId}`}))`;
  if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
}

async function writeSide(tx: Tx, actor: Actor, workspaceId: string, side: Side, next: ControlSpec[], at: Date) {
  const rows = await storedControls(tx, workspaceId, side);
  const materialised = side === 'baseline' && rows.length === 0;
  const rowsById = new Map(rows.map((r) => [r.appId, r]));
  const keep = new Set(next.map((c) => c.appId));
  const versions: Parameters<typeof recordVersions>[1] = [];
  let created = 0;
  let updated = 0;
  for (const control of next) {
    const row = rowsById.get(control.appId);
    if (row && JSON.stringify(specFromControlRow(row)) === JSON.stringify(control)) continue;
    const { appId: _appId, ...data } = control;
    const saved = row
      ? await tx.actionControl.update({
          where: { id: row.id },
          data: { ...data, updatedAt: at, updatedBy: actor.label },
          select: { id: true },
        })
      : await tx.actionControl.create({
          data: { workspaceId, side, ...control, updatedAt: at, updatedBy: actor.label },
          select: { id: true },
        });
    if (row) updated++;
    else created++;
    versions.push({
      workspaceId,
      entity: 'action_control',
      entityId: saved.id,
      at,
      data: { side, ...control, updatedBy: actor.label },
    });
  }
  const gone = rows.filter((r) => !keep.has(r.appId));
  if (gone.length > 0) {
    await tx.actionControl.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
    for (const r of gone) versions.push({ workspaceId, entity: 'action_control', entityId: r.id, at, data: null });
  }
  await recordVersions(tx, versions);
  return { created, updated, removed: gone.length, materialised };
}
