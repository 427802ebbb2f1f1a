// Dashboard roles come from the IdP's groups claim through TOLLGATE_ROLE_MAP (configuration only,
// never the UI), plus TOLLGATE_ADMIN_SUBJECTS for bootstrap. Pure: no Next, no Prisma.
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { isRole, type Role } from './permissions.ts';

export type RoleMap = ReadonlyMap<string, Role[]>;

/** Parses `group=role,group2=role2` (group names or ids; a group may map to several roles). */
export function parseRoleMap(text: string | undefined, setting = 'TOLLGATE_ROLE_MAP'): RoleMap {
  const map = new Map<string, Role[]>();
  if (!text?.trim()) return map;
  for (const raw of text.split(',')) {
    const pair = raw.trim();
    if (!pair) continue;
    const eq = pair.lastIndexOf('=');
    const group = pair.slice(0, eq).trim();
    const role = pair.slice(eq + 1).trim();
    if (eq <= 0 || !group || !role) {
      throw new ConfigError(setting, `entry "${pair}" is not of the form group=role`);
    }
    if (!isRole(role)) {
      throw new ConfigError(
        setting,
        `entry "${pair}" names an unknown role "${role}" (roles: admin, ` +
          `reviewer, ciso, grc, auditor, incident-commander)`,
      );
    }
    map.set(group, [...new Set([...(map.get(group) ?? []), role])]);
  }
  return map;
}

export function parseSubjects(text: string | undefined): Set<string> {
  return new Set(
    (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export function resolveRoles(input: {
  groups: readonly string[];
  subject: string | null;
  roleMap: RoleMap;
  adminSubjects: ReadonlySet<string>;
}): Role[] {
  const roles = new Set<Role>();
  for (const group of input.groups) for (const role of input.roleMap.get(group) ?? []) roles.add(role);
  if (input.subject && input.adminSubjects.has(input.subject)) roles.add('admin');
  return [...roles].sort();
}
