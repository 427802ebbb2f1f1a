// The review queue (guide 6.3): every agent whose current configuration has no decision yet — new agents from
// imports or logs, agents whose configuration changed since their last approval, and higher-risk agents with
// one approval waiting for a second, different approver. A rejection or a request for changes takes the
// configuration off the queue until it changes.
import type { Db } from '@/lib/db.ts';

export type QueueReason = 'new' | 'changed' | 'second_approver' | 'pending';
export type QueueItem = {
  id: string;
  externalId: string;
  name: string;
  /** workspace_agent | custom_gpt */
  kind: string;
  ownerEmail: string;
  status: string;
  effectiveState: string;
  trifecta: boolean;
  configHash: string;
  versionId: string | null;
  updatedAt: Date;
  reason: QueueReason;
  approvedBy: string | null;
  lastApprovedAt: Date | null;
};

/** Workspace agents and custom GPTs share the queue and the register; each row says which it is. */
export const AGENT_KIND_LABELS: Record<string, string> = {
  workspace_agent: 'Workspace agent',
  custom_gpt: 'Custom GPT',
};

export const QUEUE_REASON_LABELS: Record<QueueReason, string> = {
  new: 'New: never reviewed',
  changed: 'Changed since its last approval',
  second_approver: 'Awaiting a second approver',
  pending: 'Awaiting a decision',
};

/** At most this many rows: the page shows them a hundred at a time, riskiest first. */
export const QUEUE_LIMIT = 1000;

/** What the queue's page needs of every queued agent: its place in the risk order, its sort keys and the figures
 *  above the table. Light on purpose — the page shows a hundred of up to a thousand, and only those hundred are read
 *  whole (queueDetails). */
export type QueueKey = Pick<
  QueueItem,
  'id' | 'externalId' | 'name' | 'ownerEmail' | 'status' | 'effectiveState' | 'updatedAt'
>;

type Detail = Omit<QueueItem, 'reason'> & { approvals: number; decisions: number; everApproved: boolean };

// Riskiest first: exposed before the rest, a trifecta before none, then newest. Read as four slices in that order,
// each walking the index on (workspace, trifecta, updatedAt) newest first and stopping once the queue is full, so
// a million-agent inventory is not sorted whole for its first thousand.
const SLICES = [
  { exposed: true, trifecta: true },
  { exposed: true, trifecta: false },
  { exposed: false, trifecta: true },
  { exposed: false, trifecta: false },
];

/** The whole queue, up to QUEUE_LIMIT, riskiest first (the API, the seed's checks, the tests). */
export async function reviewQueue(db: Db, workspaceId: string): Promise<QueueItem[]> {
  return queueDetails(db, await queueKeys(db, workspaceId));
}

/** The queued agents' keys, up to QUEUE_LIMIT, riskiest first. */
export async function queueKeys(db: Db, workspaceId: string): Promise<QueueKey[]> {
  const rows: QueueKey[] = [];
  for (const slice of SLICES) {
    if (rows.length >= QUEUE_LIMIT) break;
    rows.push(...(await queueSlice(db, workspaceId, slice.exposed, slice.trifecta, QUEUE_LIMIT - rows.length)));
  }
  return rows;
}

/** The queue items of these keys, in their order: why each is queued and its last approval. An agent deleted or
 *  changed since its key was read is shown as it is now (or left out when gone). */
export async function queueDetails(db: Db, keys: readonly QueueKey[]): Promise<QueueItem[]> {
  if (keys.length === 0) return [];
  const rows = await db.$queryRaw<Detail[]>`
    SELECT a.id, a."externalId", a.name, a.kind, a."ownerEmail", a.status, a."effectiveState", a.trifecta,
    a."configHash", a."versionId", a."updatedAt",
      (SELECT count(*)::int FROM "ReviewDecision" d WHERE d."agentId" = a.id AND d."configHash" = a."configHash"
      AND d.decision = 'approve') AS approvals,
      (SELECT count(*)::int FROM "ReviewDecision" d WHERE d."agentId" = a.id) AS decisions,
      EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id) AS "everApproved",
      last."approvedBy", last."lastApprovedAt"
    FROM unnest(${keys.map((k) => k.id)}::text[]) AS page(id)
    JOIN "Agent" a ON a.id = page.id
    LEFT JOIN LATERAL (
      SELECT array_to_string(r.approvers, ' and ') AS "approvedBy", r."effectiveAt" AS "lastApprovedAt"
      FROM "RegisterEntry" r
      WHERE r."agentId" = a.id ORDER BY r."effectiveAt" DESC LIMIT 1
    ) last ON true`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keys.flatMap((k) => {
    const found = byId.get(k.id);
    if (!found) return [];
    const { approvals, decisions, everApproved, ...r } = found;
    const reason: QueueReason =
      approvals > 0 ? 'second_approver' : everApproved ? 'changed' : decisions === 0 ? 'new' : 'pending';
    return [{ ...r, reason }];
  });
}

function queueSlice(db: Db, workspaceId: string, exposed: boolean, trifecta: boolean, limit: number) {
  return db.$queryRaw<QueueKey[]>`
    SELECT a.id, a."externalId", a.name, a."ownerEmail", a.status, a."effectiveState", a."updatedAt"
    FROM "Agent" a
    WHERE a."workspaceId" = ${workspaceId} AND a.status <> 'deleted'
      AND a.trifecta = ${trifecta} AND (a."effectiveState" = 'exposed') = ${exposed}
      -- Approved at this configuration, and still in force:
      AND NOT EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id AND r."configHash" = a."configHash"
      AND r."supersededAt" IS NULL)
      -- The latest decision on this configuration rejected it or asked for changes:
      AND COALESCE((SELECT d.decision FROM "ReviewDecision" d WHERE d."agentId" = a.id
      AND d."configHash" = a."configHash" ORDER BY d.sequence DESC LIMIT 1), 'approve') = 'approve'
    ORDER BY a."updatedAt" DESC
    LIMIT ${limit}`;
}
