// Reads of publish-review decisions for the API (GET /api/v1/review-decisions): newest first, keyset-paged on
// (decidedAt, id) so a decision landing while a client pages neither repeats nor shifts a row.
import type { Db } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';

export type DecisionFilter = {
  /** The platform's agent id (Agent.externalId). */
  agent?: string;
  decision?: string;
  /** The reviewer's label as recorded (an email, or a token's label). */
  reviewer?: string;
  /** Whole UTC days, YYYY-MM-DD; `to` inclusive, like the audit log's filter. */
  from?: string;
  to?: string;
};

export type DecisionRow = Prisma.ReviewDecisionGetPayload<object> & {
  agentExternalId: string | null;
  agentName: string | null;
  agentKind: string | null;
};

const DAY = 86_400_000;

async function decisionWhere(db: Db, workspaceId: string, f: DecisionFilter) {
  const where: Prisma.ReviewDecisionWhereInput = { workspaceId };
  if (f.agent) {
    const agent = await db.agent.findUnique({
      where: { workspaceId_externalId: { workspaceId, externalId: f.agent } },
      select: { id: true },
    });
    where.agentId = agent?.id ?? '';
  }
  if (f.decision) where.decision = f.decision;
  if (f.reviewer) where.reviewerLabel = f.reviewer;
  if (f.from || f.to)
    where.decidedAt = {
      ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
      ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY) } : {}),
    };
  return where;
}

/** Up to `take` decisions after the keyset `after` ([decidedAt ISO, id]), newest first, with their agent. */
export async function reviewDecisionPage(
  db: Db,
  workspaceId: string,
  f: DecisionFilter,
  after: [string, string] | null,
  take: number,
): Promise<DecisionRow[]> {
  const where = await decisionWhere(db, workspaceId, f);
  const at = after ? new Date(after[0]) : null;
  const rows = await db.reviewDecision.findMany({
    where: at ? { AND: [where, { OR: [{ decidedAt: { lt: at } }, { decidedAt: at, id: { lt: after![1] } }] }] } : where,
    orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return withAgents(db, rows);
}

/** One decision of the workspace, or null (another workspace's decision is not found). */
export async function reviewDecisionById(db: Db, workspaceId: string, id: string): Promise<DecisionRow | null> {
  const row = await db.reviewDecision.findFirst({ where: { id, workspaceId } });
  return row ? (await withAgents(db, [row]))[0]! : null;
}

async function withAgents(db: Db, rows: Prisma.ReviewDecisionGetPayload<object>[]): Promise<DecisionRow[]> {
  const agents = await db.agent.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.agentId))] } },
    select: { id: true, externalId: true, name: true, kind: true },
  });
  const byId = new Map(agents.map((a) => [a.id, a]));
  return rows.map((r) => ({
    ...r,
    agentExternalId: byId.get(r.agentId)?.externalId ?? null,
    agentName: byId.get(r.agentId)?.name ?? null,
    agentKind: byId.get(r.agentId)?.kind ?? null,
  }));
}
