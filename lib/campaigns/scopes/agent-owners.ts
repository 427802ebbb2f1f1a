// Scope source: who owns each workspace agent still in the inventory (not deleted, still exported).
import type { Db, Tx } from '@/lib/db.ts';
import type { ScopeItem } from '../types.ts';

export async function agentOwnerItems(
  db: Db | Tx,
  workspaceId: string,
  subjects?: readonly string[],
): Promise<ScopeItem[]> {
  const agents = await db.agent.findMany({
    where: {
      workspaceId,
      kind: 'workspace_agent',
      inLatestExport: true,
      status: { not: 'deleted' },
      ...(subjects ? { externalId: { in: [...subjects] } } : {}),
    },
    orderBy: { externalId: 'asc' },
    select: { externalId: true, name: true, ownerEmail: true, status: true, effectiveState: true },
  });
  return agents.map((a) => ({
    scope: 'agent-owners',
    key: `agent-owner:${a.externalId}`,
    label: `${a.name} — owner`,
    holder: a.ownerEmail.toLowerCase(),
    access: 'owner',
    ownerEmail: a.ownerEmail.toLowerCase(),
    subjectType: 'agent',
    subjectId: a.externalId,
    detail: { agent: a.name, status: a.status, effectiveState: a.effectiveState },
  }));
}
