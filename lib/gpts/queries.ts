// Reads of the stored GPTs (docs/decisions/0023 "Storage"): the workspace's GPTs with their state, one GPT with
// every version, and what the latest reads refused. Reads only: the CLI now, the pages next.
import type { Db, Tx } from '@/lib/db.ts';
import type { Gpt, GptConfig } from '@/lib/gpts/types.ts';

/** Agent.kind of a custom GPT. */
export const GPT_KIND = 'custom_gpt';

export type StoredGpt = {
  agentId: string;
  gptId: string;
  name: string;
  ownerEmail: string;
  status: string;
  /** False once a complete read no longer lists it. */
  listed: boolean;
  configHash: string;
  effectiveState: string;
  trifecta: boolean;
  gpt: Gpt;
  lastReadAt: Date;
  changedAt: Date;
};

const SELECT = {
  id: true,
  externalId: true,
  name: true,
  ownerEmail: true,
  status: true,
  inLatestExport: true,
  configHash: true,
  effectiveState: true,
  trifecta: true,
  gptState: { select: { gpt: true, lastReadAt: true, changedAt: true } },
} as const;

type Row = {
  id: string;
  externalId: string;
  name: string;
  ownerEmail: string;
  status: string;
  inLatestExport: boolean;
  configHash: string;
  effectiveState: string;
  trifecta: boolean;
  gptState: { gpt: unknown; lastReadAt: Date; changedAt: Date } | null;
};

function storedGpt(r: Row & { gptState: NonNullable<Row['gptState']> }): StoredGpt {
  return {
    agentId: r.id,
    gptId: r.externalId,
    name: r.name,
    ownerEmail: r.ownerEmail,
    status: r.status,
    listed: r.inLatestExport,
    configHash: r.configHash,
    effectiveState: r.effectiveState,
    trifecta: r.trifecta,
    gpt: r.gptState.gpt as Gpt,
    lastReadAt: r.gptState.lastReadAt,
    changedAt: r.gptState.changedAt,
  };
}

const hasState = (r: Row): r is Row & { gptState: NonNullable<Row['gptState']> } => r.gptState !== null;

/** The workspace's GPTs, sorted by GPT id. */
export async function listGpts(db: Db | Tx, workspaceId: string): Promise<StoredGpt[]> {
  const rows: Row[] = await db.agent.findMany({
    where: { workspaceId, kind: GPT_KIND },
    select: SELECT,
    orderBy: { externalId: 'asc' },
  });
  return rows.filter(hasState).map(storedGpt);
}

export type StoredVersion = {
  configId: string;
  configCreatedAt: Date | null;
  riskHash: string;
  config: GptConfig;
  firstSeenAt: Date;
};

/** One GPT by its platform id, with every configuration version, oldest first; null when none. */
export async function gptWithVersions(
  db: Db | Tx,
  workspaceId: string,
  gptId: string,
): Promise<(StoredGpt & { versions: StoredVersion[] }) | null> {
  const row: Row | null = await db.agent.findFirst({
    where: { workspaceId, kind: GPT_KIND, externalId: gptId },
    select: SELECT,
  });
  if (!row || !hasState(row)) return null;
  const versions = await db.gptConfigVersion.findMany({
    where: { agentId: row.id },
    orderBy: [{ configCreatedAt: 'asc' }, { id: 'asc' }],
    select: { configId: true, configCreatedAt: true, riskHash: true, config: true, firstSeenAt: true },
  });
  return { ...storedGpt(row), versions: versions.map((v) => ({ ...v, config: v.config as GptConfig })) };
}

/** Open findings on each GPT (by Agent.id or GPT id as subject): kinds, sorted, once each. */
export async function gptFindingKinds(db: Db | Tx, workspaceId: string, gpts: StoredGpt[]) {
  const ids = gpts.flatMap((g) => [g.agentId, g.gptId]);
  const rows = await db.finding.findMany({
    where: { workspaceId, status: 'open', subjectId: { in: ids } },
    select: { subjectId: true, kind: true },
  });
  const byGpt = new Map<string, Set<string>>();
  for (const g of gpts) byGpt.set(g.agentId, new Set());
  const agentOf = new Map(gpts.flatMap((g) => [[g.agentId, g.agentId] as const, [g.gptId, g.agentId] as const]));
  for (const r of rows) byGpt.get(agentOf.get(r.subjectId)!)?.add(r.kind);
  return new Map([...byGpt].map(([id, kinds]) => [id, [...kinds].sort()]));
}

export type ReadRunSummary = {
  id: string;
  source: string;
  origin: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  complete: boolean;
  listed: number;
  created: number;
  changed: number;
  unchanged: number;
  missing: number;
  error: string | null;
  issues: { objectId: string; field: string; reason: string; at: Date }[];
};

/** The latest read from each source (api, file) with the objects it refused, newest first. */
export async function latestGptReads(db: Db | Tx, workspaceId: string, maxIssues = 200): Promise<ReadRunSummary[]> {
  const out: ReadRunSummary[] = [];
  for (const source of ['api', 'file']) {
    const run = await db.gptReadRun.findFirst({
      where: { workspaceId, source },
      orderBy: { startedAt: 'desc' },
      include: {
        issues: {
          orderBy: { id: 'asc' },
          take: maxIssues,
          select: { objectId: true, field: true, reason: true, at: true },
        },
      },
    });
    if (run) out.push(run);
  }
  return out.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

export type GptApproval = { configHash: string; effectiveAt: Date; approvers: string[] };

/** The GPT's latest approved configuration on the published register (a newer approval supersedes), or null. */
export async function latestGptApproval(
  db: Db | Tx,
  workspaceId: string,
  agentId: string,
): Promise<GptApproval | null> {
  return db.registerEntry.findFirst({
    where: { workspaceId, agentId },
    orderBy: [{ effectiveAt: 'desc' }, { id: 'desc' }],
    select: { configHash: true, effectiveAt: true, approvers: true },
  });
}
