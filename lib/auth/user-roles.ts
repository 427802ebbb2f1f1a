// A user's dashboard roles from the groups stored at their last sign-in and the configured role map: the same
// derivation session.ts makes per request, usable where no request exists (API tokens, the CLI).
import { parseRoleMap, parseSubjects, resolveRoles, type RoleMap } from './role-map.ts';
import type { Role } from './permissions.ts';

let cached: { text: string; map: RoleMap } | null = null;
function roleMap(): RoleMap {
  const text = process.env.TOLLGATE_ROLE_MAP ?? '';
  if (cached?.text !== text) cached = { text, map: parseRoleMap(text) };
  return cached.map;
}

export function userRoles(user: { groups: string[]; subject: string | null }): Role[] {
  return resolveRoles({
    groups: user.groups,
    subject: user.subject,
    roleMap: roleMap(),
    adminSubjects: parseSubjects(process.env.TOLLGATE_ADMIN_SUBJECTS),
  });
}
