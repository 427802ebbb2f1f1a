// Reads of the workspace's GPT policy: the version in force (the highest), and every version for the history.
// With no version saved, the default policy is in force (DEFAULT_GPT_POLICY: no action domain, sharing up to the
// workspace directory, no third-party GPT — the platform's own defaults and the guide's).
import type { Db, Tx } from '@/lib/db.ts';
import { DEFAULT_GPT_POLICY, type GptPolicy, parseGptPolicy } from '@/lib/gpts/policy.ts';

export type GptPolicyInForce = GptPolicy & {
  /** 0 while the default is in force. */
  version: number;
  source: 'default' | 'saved';
  createdBy: string | null;
  createdAt: Date | null;
};

export type GptPolicyVersionView = GptPolicy & {
  version: number;
  note: string | null;
  createdBy: string;
  createdAt: Date;
};

/** A stored policy read back through the parser, so a row edited by hand can never widen what is allowed. */
function stored(json: unknown): GptPolicy {
  const parsed = parseGptPolicy(json);
  return parsed.ok ? parsed.policy : DEFAULT_GPT_POLICY;
}

export async function loadGptPolicy(db: Db | Tx, workspaceId: string): Promise<GptPolicyInForce> {
  const row = await db.gptPolicyVersion.findFirst({ where: { workspaceId }, orderBy: { version: 'desc' } });
  if (!row) return { ...DEFAULT_GPT_POLICY, version: 0, source: 'default', createdBy: null, createdAt: null };
  return {
    ...stored(row.policy),
    version: row.version,
    source: 'saved',
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Newest first. */
export async function gptPolicyHistory(db: Db | Tx, workspaceId: string, take = 100): Promise<GptPolicyVersionView[]> {
  const rows = await db.gptPolicyVersion.findMany({ where: { workspaceId }, orderBy: { version: 'desc' }, take });
  return rows.map((r) => ({
    ...stored(r.policy),
    version: r.version,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
}

/** The reviewers' classification of each knowledge file, by GPT (Agent.id). */
export async function fileClassifications(db: Db | Tx, workspaceId: string, agentIds?: string[]) {
  return db.gptFileClassification.findMany({
    where: { workspaceId, ...(agentIds ? { agentId: { in: agentIds } } : {}) },
    select: { agentId: true, fileId: true, classification: true, setBy: true, setAt: true },
    orderBy: [{ agentId: 'asc' }, { fileId: 'asc' }],
  });
}

/** The stated business use case of each GPT (Agent.id) that has one. */
export async function gptUseCases(db: Db | Tx, workspaceId: string, agentIds?: string[]) {
  return db.gptUseCase.findMany({
    where: { workspaceId, ...(agentIds ? { agentId: { in: agentIds } } : {}) },
    select: { agentId: true, useCase: true, setBy: true, setAt: true },
  });
}
