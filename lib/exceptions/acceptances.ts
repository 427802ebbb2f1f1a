// Trifecta exceptions as the classifier sees them: approved, before their review date, pinned to a
// configuration hash. Read by the agent reclassification and by the inventory queries, so an agent is
// `accepted` only while such an exception is in force at its current hash (expiry needs no write).
import type { Db, Tx } from '@/lib/db.ts';
import type { TrifectaAcceptance } from '@/lib/trifecta/types.ts';

type TrifectaScope = { agentId?: unknown; configHash?: unknown };

/** In-force trifecta acceptances by agent id (internal Agent.id). */
export async function trifectaAcceptances(
  db: Db | Tx,
  workspaceId: string,
  now: Date,
): Promise<Map<string, TrifectaAcceptance[]>> {
  const rows = await db.exception.findMany({
    where: { workspaceId, scopeKind: 'trifecta', status: 'approved', reviewAt: { gt: now } },
    select: { scope: true, reviewAt: true },
  });
  const byAgent = new Map<string, TrifectaAcceptance[]>();
  for (const r of rows) {
    const s = r.scope as TrifectaScope;
    if (typeof s.agentId !== 'string' || typeof s.configHash !== 'string') continue;
    byAgent.set(s.agentId, [...(byAgent.get(s.agentId) ?? []), { configHash: s.configHash, expiresAt: r.reviewAt }]);
  }
  return byAgent;
}

/**
 * Agents whose trifecta is accepted right now: unmitigated (stored `exposed` or `accepted`) and covered by an
 * in-force exception at their current configuration hash. Whatever the stored column says, this decides.
 */
export async function acceptedAgentIds(db: Db | Tx, workspaceId: string, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT a.id FROM "Agent" a
    JOIN "Exception" e ON e."workspaceId" = a."workspaceId" AND e."scopeKind" = 'trifecta' AND e.status = 'approved'
      AND e."reviewAt" > ${now} AND e.scope->>'agentId' = a.id AND e.scope->>'configHash' = a."configHash"
    WHERE a."workspaceId" = ${workspaceId} AND a."effectiveState" IN ('exposed', 'accepted')`;
  return rows.map((r) => r.id);
}

/** The state to show: the stored one, corrected for acceptances that started or lapsed since it was written. */
export function resolvedState(id: string, stored: string, accepted: ReadonlySet<string>): string {
  if (stored !== 'exposed' && stored !== 'accepted') return stored;
  return accepted.has(id) ? 'accepted' : 'exposed';
}

/** The in-force trifecta exceptions accepting one agent at its current configuration (the API says why). */
export async function agentAcceptances(
  db: Db | Tx,
  workspaceId: string,
  agent: { id: string; configHash: string },
  now: Date,
): Promise<{ id: string; title: string; reviewAt: Date }[]> {
  return db.exception.findMany({
    where: {
      workspaceId,
      scopeKind: 'trifecta',
      status: 'approved',
      reviewAt: { gt: now },
      AND: [
        { scope: { path: ['agentId'], equals: agent.id } },
        { scope: { path: ['configHash'], equals: agent.configHash } },
      ],
    },
    orderBy: [{ reviewAt: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, reviewAt: true },
  });
}
