// Where one role layout departs from another: the pack (or observed export) against the default baseline,
// or the observed configuration against the approved baseline (the side-by-side diff).
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  HIGH_RISK,
  grantedDimensions,
  type Dimension,
  type RoleSpec,
} from './dimensions.ts';

export type RoleDeparture =
  | { kind: 'missing_role'; role: string; message: string }
  | { kind: 'extra_role'; role: string; dimensions: Dimension[]; message: string }
  | { kind: 'dimension'; role: string; dimension: Dimension; expected: boolean; actual: boolean; message: string }
  | { kind: 'group'; role: string; expected: string | null; actual: string | null; message: string };

const byName = (roles: RoleSpec[]) => new Map(roles.map((r) => [r.name.toLowerCase(), r]));

/**
 * Departures of `actual` from `reference`. A role missing from `actual` is a departure; an extra role
 * only when it grants an agent permission (a workspace has many roles that have nothing to do with agents).
 */
export function compareRoles(
  reference: RoleSpec[],
  actual: RoleSpec[],
  options: { groups?: boolean; referenceLabel?: string } = {},
): RoleDeparture[] {
  const label = options.referenceLabel ?? 'baseline';
  const out: RoleDeparture[] = [];
  const actualByName = byName(actual);
  const referenceByName = byName(reference);
  for (const ref of reference) {
    const role = actualByName.get(ref.name.toLowerCase());
    if (!role) {
      out.push({ kind: 'missing_role', role: ref.name, message: `${ref.name} is missing (in the ${label})` });
      continue;
    }
    for (const d of DIMENSIONS) {
      if (role.permissions[d] !== ref.permissions[d]) {
        out.push({
          kind: 'dimension',
          role: ref.name,
          dimension: d,
          expected: ref.permissions[d],
          actual: role.permissions[d],
          message:
            `${ref.name}: ${d} ${role.permissions[d] ? 'enabled' : 'disabled'} ` +
            `(${label}: ${ref.permissions[d] ? 'enabled' : 'disabled'})`,
        });
      }
    }
    if (options.groups && (role.groupName ?? null) !== (ref.groupName ?? null)) {
      out.push({
        kind: 'group',
        role: ref.name,
        expected: ref.groupName,
        actual: role.groupName,
        message: `${ref.name}: mapped to ${role.groupName ?? 'no group'} (${label}: ${ref.groupName ?? 'no group'})`,
      });
    }
  }
  for (const role of actual) {
    if (referenceByName.has(role.name.toLowerCase())) continue;
    const granted = grantedDimensions(role.permissions);
    if (granted.length > 0)
      out.push({
        kind: 'extra_role',
        role: role.name,
        dimensions: granted,
        message: `${role.name} is not in the ${label} and grants ${granted.join(', ')}`,
      });
  }
  return out;
}

/** High-risk dimensions `next` grants that `current` does not (role by role): what an edit must confirm. */
export function newHighRiskGrants(
  current: RoleSpec[],
  next: RoleSpec[],
): { role: string; dimension: Dimension; label: string }[] {
  const before = byName(current);
  const out: { role: string; dimension: Dimension; label: string }[] = [];
  for (const role of next) {
    const prior = before.get(role.name.toLowerCase());
    for (const d of HIGH_RISK) {
      if (role.permissions[d] && !prior?.permissions[d])
        out.push({ role: role.name, dimension: d, label: `${role.name}: ${DIMENSION_LABELS[d]}` });
    }
  }
  return out;
}
