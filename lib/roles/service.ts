// Agent roles (6.1), baseline and observed. The baseline is the guide's default, computed in code, until an
// admin edits or imports it; the first change materialises it as rows. The observed side is only imported.
// Every change is one transaction: rows, versions (entity agent_role), audit event, findings.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { recordVersions } from '@/lib/history/versions.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { PackError, formatIssue } from '@/lib/packs/jsonc.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { compareRoles, newHighRiskGrants, type RoleDeparture } from './compare.ts';
import { columnsFromSpec, defaultBaselineRoles, specFromRow, type RoleSpec, type Side } from './dimensions.ts';
import { parseRolesPack } from './pack.ts';
import { baselineRoles, observedRoles, ROLE_SELECT } from './queries.ts';

export type RoleEdit = { originalName?: string; role: RoleSpec; confirmHighRisk: boolean };

/** Adds or changes one baseline role. Granting a high-risk dimension needs explicit confirmation. */
export async function saveBaselineRole(db: Db, actor: Actor, workspaceId: string, edit: RoleEdit, now = new Date()) {
  const role = normaliseRole(edit.role);
  return db.$transaction(async (tx) => {
    await lockRoles(tx, workspaceId);
    const current = await baselineRoles(tx, workspaceId);
    const originalKey = (edit.originalName ?? role.name).toLowerCase();
    const before = current.find((r) => r.name.toLowerCase() === originalKey);
    if (edit.originalName && !before) throw new AppError('not_found', `No baseline role ${edit.originalName}.`);
    if (current.some((r) => r !== before && r.name.toLowerCase() === role.name.toLowerCase()))
      throw new AppError('conflict', `A baseline role named ${role.name} already exists.`);
    const next = before ? current.map((r) => (r === before ? role : r)) : [...current, role];
    requireConfirmation(current, next, edit.confirmHighRisk);
    const result = await writeSide(tx, actor, workspaceId, 'baseline', next, now);
    await recordAudit(tx, actor, {
      action: before ? 'roles.baseline_update' : 'roles.baseline_add',
      targetType: 'agent_role',
      targetId: role.name,
      workspaceId,
      diff: {
        before: before ?? null,
        after: role,
        materialisedDefault: result.materialised,
        highRiskConfirmed: edit.confirmHighRisk,
      },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return { ...result, role };
  });
}

/** Removes one baseline role (materialising the default first, so the others stay as they were). */
export async function removeBaselineRole(db: Db, actor: Actor, workspaceId: string, name: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    await lockRoles(tx, workspaceId);
    const current = await baselineRoles(tx, workspaceId);
    const before = current.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!before) throw new AppError('not_found', `No baseline role ${name}.`);
    const written = await writeSide(
      tx,
      actor,
      workspaceId,
      'baseline',
      current.filter((r) => r !== before),
      now,
    );
    await recordAudit(tx, actor, {
      action: 'roles.baseline_remove',
      targetType: 'agent_role',
      targetId: before.name,
      workspaceId,
      diff: { before, after: null, materialisedDefault: written.materialised },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return written;
  });
}

export type RoleImportResult = {
  side: Side;
  roles: number;
  created: number;
  updated: number;
  removed: number;
  /** Where the pack departs from the guide's default baseline (the shipped pack does, on the Slack bot). */
  departuresFromDefault: RoleDeparture[];
  /** Observed imports: where the workspace departs from the approved baseline (the side-by-side diff). */
  departuresFromBaseline: RoleDeparture[];
  /** Roles whose pack left a dimension out (read as disabled). */
  missingDimensions: { role: string; dimensions: string[] }[];
};

/** Imports a 6.01 pack as the whole baseline or the whole observed layout (roles left out are removed). */
export async function importRolesPack(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { side: Side; filename: string; text: string; confirmHighRisk: boolean },
  now = new Date(),
): Promise<RoleImportResult> {
  let parsed: ReturnType<typeof parseRolesPack>;
  try {
    parsed = parseRolesPack(input.text);
  } catch (error) {
    if (error instanceof PackError)
      throw new AppError(
        'unprocessable',
        `${input.filename}: ${error.issues.map(formatIssue).join('; ')}. Nothing was imported.`,
      );
    throw error;
  }
  return db.$transaction(async (tx) => {
    await lockRoles(tx, workspaceId);
    const existing =
      input.side === 'baseline' ? await baselineRoles(tx, workspaceId) : await observedRoles(tx, workspaceId);
    const existingByName = new Map(existing.map((r) => [r.name.toLowerCase(), r]));
    // A pack without idp_group keeps the role's current mapping, else the group of the same name (guide 6.1 step 2).
    const next: RoleSpec[] = parsed.map(({ missing: _m, ...r }) =>
      normaliseRole({
        ...r,
        groupName:
          r.groupName !== undefined ? r.groupName : (existingByName.get(r.name.toLowerCase())?.groupName ?? r.name),
      }),
    );
    if (input.side === 'baseline') requireConfirmation(existing, next, input.confirmHighRisk);
    const written = await writeSide(tx, actor, workspaceId, input.side, next, now);
    const baseline = input.side === 'baseline' ? next : await baselineRoles(tx, workspaceId);
    const result: RoleImportResult = {
      side: input.side,
      roles: next.length,
      created: written.created,
      updated: written.updated,
      removed: written.removed,
      departuresFromDefault: compareRoles(defaultBaselineRoles(), next, { referenceLabel: 'default baseline' }),
      departuresFromBaseline: input.side === 'observed' ? compareRoles(baseline, next, { groups: true }) : [],
      missingDimensions: parsed
        .filter((r) => r.missing.length > 0)
        .map((r) => ({ role: r.name, dimensions: r.missing })),
    };
    await recordAudit(tx, actor, {
      action: `roles.import_${input.side}`,
      targetType: 'agent_role',
      workspaceId,
      at: now,
      diff: {
        filename: input.filename,
        roles: next.map((r) => r.name),
        created: written.created,
        updated: written.updated,
        removed: written.removed,
        departuresFromDefault: result.departuresFromDefault.map((d) => d.message),
        departuresFromBaseline: result.departuresFromBaseline.map((d) => d.message),
        highRiskConfirmed: input.side === 'baseline' ? input.confirmHighRisk : undefined,
      },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return result;
  });
}

function requireConfirmation(current: RoleSpec[], next: RoleSpec[], confirmed: boolean) {
  const grants = newHighRiskGrants(current, next);
  if (grants.length > 0 && !confirmed) {
    throw new AppError(
      'unprocessable',
      `Confirm the high-risk grants first: ${grants.map((g) => g.label).join('; ')}. Nothing was changed.`,
    );
  }
}

function normaliseRole(role: RoleSpec): RoleSpec {
  const name = role.name.trim();
  if (!/^[^\s].{0,99}$/u.test(name)) throw new AppError('unprocessable', 'A role needs a name of 1 to 100 characters.');
  const groupName = role.groupName?.trim() || null;
  if (groupName && groupName.length > 256)
    throw new AppError('unprocessable', 'A group name is at most 256 characters.');
  return { name, description: role.description.trim().slice(0, 1000), groupName, permissions: { ...role.permissions } };
}

// One writer per workspace's role layout at a time: edits and imports queue instead of overwriting each other.
async function lockRoles(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agent_roles:${workspaceId}`}))`;
  if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
}

/** Makes one side hold exactly `next`: creates, updates and removes rows, versioning each change. */
async function writeSide(tx: Tx, actor: Actor, workspaceId: string, side: Side, next: RoleSpec[], at: Date) {
  const rows = await tx.agentRole.findMany({ where: { workspaceId, side }, select: ROLE_SELECT });
  const materialised = side === 'baseline' && rows.length === 0;
  const rowsByName = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  const keep = new Set(next.map((r) => r.name.toLowerCase()));
  const versions: Parameters<typeof recordVersions>[1] = [];
  let created = 0;
  let updated = 0;
  for (const role of next) {
    const columns = columnsFromSpec(role);
    const row = rowsByName.get(role.name.toLowerCase());
    if (row && sameRole(specFromRow(row), role)) continue;
    const saved = row
      ? await tx.agentRole.update({
          where: { id: row.id },
          data: { ...columns, updatedAt: at, updatedBy: actor.label },
          select: { id: true },
        })
      : await tx.agentRole.create({
          data: { workspaceId, side, ...columns, updatedAt: at, updatedBy: actor.label },
          select: { id: true },
        });
    if (row) updated++;
    else created++;
    versions.push({
      workspaceId,
      entity: 'agent_role',
      entityId: saved.id,
      at,
      data: { side, ...columns, updatedBy: actor.label },
    });
  }
  const gone = rows.filter((r) => !keep.has(r.name.toLowerCase()));
  if (gone.length > 0) {
    await tx.agentRole.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
    for (const r of gone) versions.push({ workspaceId, entity: 'agent_role', entityId: r.id, at, data: null });
  }
  await recordVersions(tx, versions);
  return { created, updated, removed: gone.length, materialised };
}

function sameRole(a: RoleSpec, b: RoleSpec): boolean {
  return JSON.stringify(columnsFromSpec(a)) === JSON.stringify(columnsFromSpec(b));
}
