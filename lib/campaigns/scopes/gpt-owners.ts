// Scope source: who owns each custom GPT still listed by the platform (Agent rows of kind custom_gpt).
import type { Db, Tx } from '@/lib/db.ts';
import type { ScopeItem } from '../types.ts';

export async function gptOwnerItems(
  db: Db | Tx,
  workspaceId: string,
  subjects?: readonly string[],
): Promise<ScopeItem[]> {
  const gpts = await db.agent.findMany({
    where: {
      workspaceId,
      kind: 'custom_gpt',
      inLatestExport: true,
      status: { not: 'deleted' },
      ...(subjects ? { externalId: { in: [...subjects] } } : {}),
    },
    orderBy: { externalId: 'asc' },
    select: { externalId: true, name: true, ownerEmail: true, effectiveState: true },
  });
  return gpts.map((g) => ({
    scope: 'gpt-owners',
    key: `gpt-owner:${g.externalId}`,
    label: `GPT ${g.name} — owner`,
    holder: g.ownerEmail.toLowerCase(),
    access: 'owner',
    ownerEmail: g.ownerEmail ? g.ownerEmail.toLowerCase() : null,
    subjectType: 'agent',
    subjectId: g.externalId,
    detail: { gpt: g.name, effectiveState: g.effectiveState },
  }));
}
