// The approval policy (6.03) a workspace's reviewers keep. Every change is one transaction: the row, its
// version (entity approval_policy) and the audit event naming what was added and removed. Dropping a guide
// category the policy still gates needs an explicit confirmation, here as well as in the form.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { recordVersions, type VersionedEntity } from '@/lib/history/versions.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { PackError, formatIssue } from '@/lib/packs/jsonc.ts';
import { GUIDE_REQUIRED, loadPolicy, type ApprovalPolicyData } from './policy.ts';
import { parsePolicyPack, policyDepartures, policyProblems, type PolicyDeparture } from './policy-pack.ts';

const POLICY_ENTITY: VersionedEntity = 'approval_policy';

export type SaveOptions = {
  /** The reviewer ticked the confirmation for dropping guide categories. */
  confirmWeaker?: boolean;
  /** Set when the policy comes from an imported pack (audited as reviews.policy.import). */
  filename?: string;
  now?: Date;
};

export type PolicyDiff = {
  requiredAdded: string[];
  requiredRemoved: string[];
  loggedAdded: string[];
  loggedRemoved: string[];
};

export type SaveResult = {
  changed: boolean;
  policy: ApprovalPolicyData;
  diff: PolicyDiff;
  departures: PolicyDeparture[];
};

/** Trims names and checks them (lower_snake_case, at most 100 each, no duplicates); throws AppError. */
export function normalisePolicy(data: ApprovalPolicyData): ApprovalPolicyData {
  const policy = {
    required: data.required.map((n) => n.trim()).filter(Boolean),
    logged: data.logged.map((n) => n.trim()).filter(Boolean),
  };
  const problems = policyProblems(policy);
  if (problems.length > 0)
    throw new AppError('unprocessable', `${problems.slice(0, 10).join('; ')}. Nothing was saved.`);
  return policy;
}

export function policyDiff(before: ApprovalPolicyData, after: ApprovalPolicyData): PolicyDiff {
  const minus = (a: string[], b: string[]) => a.filter((n) => !b.includes(n));
  return {
    requiredAdded: minus(after.required, before.required),
    requiredRemoved: minus(before.required, after.required),
    loggedAdded: minus(after.logged, before.logged),
    loggedRemoved: minus(before.logged, after.logged),
  };
}

/** Replaces the workspace's policy; a save that changes nothing writes nothing. */
export async function savePolicy(
  db: Db,
  actor: Actor,
  workspaceId: string,
  data: ApprovalPolicyData,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const policy = normalisePolicy(data);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    await lockPolicy(tx, workspaceId);
    const before = await loadPolicy(tx, workspaceId);
    const diff = policyDiff(before, policy);
    const departures = policyDepartures(policy);
    if (Object.values(diff).every((names) => names.length === 0)) return { changed: false, policy, diff, departures };
    const dropped = diff.requiredRemoved.filter((n) => (GUIDE_REQUIRED as readonly string[]).includes(n));
    if (dropped.length > 0 && !options.confirmWeaker) {
      throw new AppError(
        'unprocessable',
        `Confirm removing the guide’s human approval from ${dropped.join(', ')} first. Nothing was saved.`,
      );
    }
    const columns = { required: policy.required, logged: policy.logged, updatedBy: actor.label, updatedAt: now };
    await tx.approvalPolicy.upsert({ where: { workspaceId }, create: { workspaceId, ...columns }, update: columns });
    await recordVersions(tx, [{ workspaceId, entity: POLICY_ENTITY, entityId: workspaceId, at: now, data: columns }]);
    await recordAudit(tx, actor, {
      action: options.filename ? 'reviews.policy.import' : 'reviews.policy.update',
      targetType: 'approval_policy',
      targetId: workspaceId,
      workspaceId,
      diff: {
        ...diff,
        ...(options.filename ? { filename: options.filename } : {}),
        before: { required: before.required, logged: before.logged, source: before.source },
        after: { required: policy.required, logged: policy.logged },
        weakerThanGuide: departures.filter((d) => d.direction === 'weaker').map((d) => d.message),
        guideRemovalConfirmed: dropped.length > 0 ? true : undefined,
      },
    });
    return { changed: true, policy, diff, departures };
  });
}

/** Imports a 6.03 pack as the whole policy: validated first, all or nothing. */
export async function importPolicyPack(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { filename: string; text: string; confirmWeaker?: boolean },
  now = new Date(),
) {
  let parsed: ApprovalPolicyData;
  try {
    parsed = parsePolicyPack(input.text);
  } catch (error) {
    if (error instanceof PackError)
      throw new AppError(
        'unprocessable',
        `${input.filename}: ${error.issues.map(formatIssue).join('; ')}. Nothing was imported.`,
      );
    throw error;
  }
  return savePolicy(db, actor, workspaceId, parsed, {
    confirmWeaker: input.confirmWeaker,
    filename: input.filename,
    now,
  });
}

// One writer per workspace's policy at a time, and only for a workspace that exists.
async function lockPolicy(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`approval_policy:${workspaceId}`}))`;
  if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
    throw new AppError('not_found', `No workspace ${workspaceId}.`);
}
