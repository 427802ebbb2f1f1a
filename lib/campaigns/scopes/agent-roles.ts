// Scope source: who holds which agent role (guide 6.1). A member holds a role directly (the members export's
// agent_roles) or through the IdP group the observed role is mapped to. Only roles granting an agent
// permission are reviewed, and only active members.
import type { Db, Tx } from '@/lib/db.ts';
import { DIMENSION_LABELS, grantedDimensions } from '@/lib/roles/dimensions.ts';
import { observedRoles } from '@/lib/roles/queries.ts';
import type { ScopeItem } from '../types.ts';

export async function agentRoleItems(
  db: Db | Tx,
  workspaceId: string,
  subjects?: readonly string[],
): Promise<ScopeItem[]> {
  const [roles, members] = await Promise.all([
    observedRoles(db, workspaceId),
    db.member.findMany({
      where: { workspaceId, status: 'active', ...(subjects ? { email: { in: [...subjects] } } : {}) },
      orderBy: { email: 'asc' },
      select: {
        email: true,
        name: true,
        directAgentRoles: true,
        groups: { select: { group: { select: { displayName: true } } } },
      },
    }),
  ]);
  const privileged = roles.filter((r) => grantedDimensions(r.permissions).length > 0);
  const out: ScopeItem[] = [];
  for (const m of members) {
    const groups = new Set(m.groups.map((g) => g.group.displayName));
    for (const role of privileged) {
      const direct = m.directAgentRoles.includes(role.name);
      const viaGroup = role.groupName !== null && groups.has(role.groupName);
      if (!direct && !viaGroup) continue;
      const via = [direct ? 'assigned directly' : null, viaGroup ? `group ${role.groupName}` : null].filter(Boolean);
      out.push({
        scope: 'agent-roles',
        key: `agent-role:${m.email}:${role.name}`,
        label: `${m.email} — role ${role.name}`,
        holder: m.email,
        access: role.name,
        ownerEmail: null,
        subjectType: 'member',
        subjectId: m.email,
        detail: {
          member: m.name,
          via,
          permissions: grantedDimensions(role.permissions).map((d) => DIMENSION_LABELS[d]),
        },
      });
    }
  }
  return out;
}
