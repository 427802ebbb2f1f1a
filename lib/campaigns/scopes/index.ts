// The scope sources, one small function per kind of access: each reads what the workspace has now. A campaign
// copies their items when it starts; the findings read them again to see whether a revocation was carried out.
import type { Db, Tx } from '@/lib/db.ts';
import type { Scope, ScopeItem } from '../types.ts';
import { agentOwnerItems } from './agent-owners.ts';
import { agentRoleItems } from './agent-roles.ts';
import { gptOwnerItems } from './gpt-owners.ts';
import { gptSharingItems } from './gpt-sharing.ts';

/** `subjects`: only the accesses on these members (emails) or agents and GPTs (platform ids), when given. */
export type ScopeSource = (db: Db | Tx, workspaceId: string, subjects?: readonly string[]) => Promise<ScopeItem[]>;

export const SCOPE_SOURCES: Record<Scope, ScopeSource> = {
  'agent-roles': agentRoleItems,
  'agent-owners': agentOwnerItems,
  'gpt-sharing': gptSharingItems,
  'gpt-owners': gptOwnerItems,
};

/** Every item of the given scopes, in scope order then key order. */
export async function readScopes(
  db: Db | Tx,
  workspaceId: string,
  scopes: readonly Scope[],
  subjects?: readonly string[],
): Promise<ScopeItem[]> {
  const lists = await Promise.all(scopes.map((s) => SCOPE_SOURCES[s](db, workspaceId, subjects)));
  return lists.flat();
}
