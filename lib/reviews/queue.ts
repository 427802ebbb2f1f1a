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

export async function reviewQueue(db: Db, workspaceId: string): Promise<QueueItem[]> {
  const rows = await db.$queryRaw<
    (Omit<QueueItem, 'reason'> & { approvals: number; decisions: number; everApproved: boolean })[]
  >`
    SELECT a.id, a."externalId", a.name, a.kind, a."ownerEmail", a.status, a."effectiveState", a.trifecta,
    a."configHash", a."versionId", a."updatedAt",
      (SELECT count(*)::int FROM "ReviewDecision" d WHERE d."agentId" = a.id AND d."configHash" = a."configHash"
      AND d.decision = 'approve') AS approvals,
      (SELECT count(*)::int FROM "ReviewDecision" d WHERE d."agentId" = a.id) AS decisions,
      EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id) AS "everApproved",
      last."approvedBy", last."lastApprovedAt"
    FROM "Agent" a
    LEFT JOIN LATERAL (
      SELECT array_to_string(r.approvers, ' and ') AS "approvedBy", r."effectiveAt" AS "lastApprovedAt"
      FROM "RegisterEntry" r
      WHERE r."agentId" = a.id ORDER BY r."effectiveAt" DESC LIMIT 1
    ) last ON true
    WHERE a."workspaceId" = ${workspaceId} AND a.status <> 'deleted'
      -- Approved at this configuration, and still in force:
      AND NOT EXISTS (SELECT 1 FROM "RegisterEntry" r WHERE r."agentId" = a.id AND r."configHash" = a."configHash"
      AND r."supersededAt" IS NULL)
      -- The latest decision on this configuration rejected it or asked for changes:
      AND COALESCE((SELECT d.decision FROM "ReviewDecision" d WHERE d."agentId" = a.id
      AND d."configHash" = a."configHash" ORDER BY d.sequence DESC LIMIT 1), 'approve') = 'approve'
    ORDER BY (a."effectiveState" = 'exposed') DESC, a.trifecta DESC, a."updatedAt" DESC
    LIMIT 1000`;
  return rows.map(({ approvals, decisions, everApproved, ...r }) => ({
    ...r,
    reason: approvals > 0 ? 'second_approver' : everApproved ? 'changed' : decisions === 0 ? 'new' : 'pending',
  }));
}
