// Scope source: each GPT's sharing list — one item per recipient (a person or a group it is shared with), and
// one for its visibility when it reaches beyond invited people (workspace, link, GPT Store).
import type { Db, Tx } from '@/lib/db.ts';
import { GPT_VISIBILITY_LABELS, isBroaderThan, isGptVisibility, type GptRecipient } from '@/lib/gpts/types.ts';
import type { ScopeItem } from '../types.ts';

function recipientsOf(value: unknown): GptRecipient[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is GptRecipient =>
      typeof r === 'object' && r !== null && typeof (r as GptRecipient).id === 'string' && 'type' in r,
  );
}

export async function gptSharingItems(
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
    select: {
      externalId: true,
      name: true,
      ownerEmail: true,
      gptState: { select: { visibility: true, recipients: true } },
    },
  });
  const out: ScopeItem[] = [];
  for (const g of gpts) {
    if (!g.gptState) continue;
    const owner = g.ownerEmail ? g.ownerEmail.toLowerCase() : null;
    const base = {
      scope: 'gpt-sharing' as const,
      ownerEmail: owner,
      subjectType: 'agent' as const,
      subjectId: g.externalId,
    };
    const visibility = g.gptState.visibility;
    if (isGptVisibility(visibility) && isBroaderThan(visibility, 'invite_only')) {
      out.push({
        ...base,
        key: `gpt-visibility:${g.externalId}`,
        label: `GPT ${g.name} — shared: ${GPT_VISIBILITY_LABELS[visibility]}`,
        holder: visibility,
        access: 'visibility',
        detail: { gpt: g.name, visibility },
      });
    }
    for (const r of recipientsOf(g.gptState.recipients)) {
      const who = (r.email ?? r.id).toLowerCase();
      out.push({
        ...base,
        key: `gpt-share:${g.externalId}:${r.type}:${r.id}`,
        label: `GPT ${g.name} — shared with ${r.type === 'group' ? 'group ' : ''}${who}`,
        holder: who,
        access: 'shared',
        detail: { gpt: g.name, recipientType: r.type, visibility },
      });
    }
  }
  return out;
}
