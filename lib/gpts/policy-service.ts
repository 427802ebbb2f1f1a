// Saving the GPT policy: every save that changes something is a new version (never rewritten), audited with what
// was added and removed, and the GPT findings re-evaluated right after it commits (in batches of GPTs), so a GPT
// shared beyond the new policy is a finding by the time the save returns.
import type { Db, Tx } from '@/lib/db.ts';
import { canonicalJson } from '@/lib/audit/chain.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { syncGptFindings } from '@/lib/findings/gpt-sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { type GptPolicy, parseGptPolicy } from '@/lib/gpts/policy.ts';
import { loadGptPolicy } from '@/lib/gpts/policy-queries.ts';

export const MAX_NOTE = 2000;
/** A transaction ending with a findings sync judges every GPT: a large tenant takes longer than the default 5 s. */
export const SYNC_TRANSACTION = { timeout: 300_000 };

export type SaveGptPolicyResult = { changed: boolean; version: number; policy: GptPolicy };

const LISTS = ['allowedActionDomains', 'approvedThirdPartyGpts', 'publicApiDomains'] as const;

/** What a save changes, for the audit event: lists by added and removed, the rest from → to. */
export function gptPolicyDiff(before: GptPolicy, after: GptPolicy): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of LISTS) {
    const added = after[key].filter((x) => !before[key].includes(x));
    const removed = before[key].filter((x) => !after[key].includes(x));
    if (added.length || removed.length) diff[key] = { added, removed };
  }
  if (before.maxVisibility !== after.maxVisibility)
    diff.maxVisibility = { from: before.maxVisibility, to: after.maxVisibility };
  if (before.thirdPartyGpts !== after.thirdPartyGpts)
    diff.thirdPartyGpts = { from: before.thirdPartyGpts, to: after.thirdPartyGpts };
  return diff;
}

export async function saveGptPolicy(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: unknown,
  options: { note?: string | null; now?: Date } = {},
): Promise<SaveGptPolicyResult> {
  const parsed = parseGptPolicy(input);
  if (!parsed.ok) throw new AppError('unprocessable', `${parsed.problems.slice(0, 10).join('; ')}. Nothing was saved.`);
  const note = options.note?.trim() || null;
  if (note && note.length > MAX_NOTE)
    throw new AppError('unprocessable', `The note is too long (at most ${MAX_NOTE}).`);
  const now = options.now ?? new Date();
  const policy = parsed.policy;
  const saved = await db.$transaction(async (tx) => {
    await lock(tx, workspaceId);
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) throw new AppError('not_found', 'No such workspace.');
    const current = await loadGptPolicy(tx, workspaceId);
    const { version: _v, source: _s, createdBy: _b, createdAt: _a, ...before } = current;
    if (current.source === 'saved' && canonicalJson(before) === canonicalJson(policy))
      return { changed: false, version: current.version, policy };
    const version = current.version + 1;
    await tx.gptPolicyVersion.create({
      data: {
        workspaceId,
        version,
        policy: policy as unknown as Prisma.InputJsonObject,
        note,
        createdBy: actor.label,
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: 'gpts.policy.save',
      targetType: 'gpt_policy',
      targetId: workspaceId,
      workspaceId,
      at: now,
      diff: { version, note, ...gptPolicyDiff(before, policy) },
    });
    return { changed: true, version, policy };
  });
  // Every GPT judged again under the new policy, in batches of GPTs each in its own transaction (one transaction
  // over a large tenant's GPT findings expires and holds gigabytes): only the GPT findings follow the policy.
  if (saved.changed) await syncGptFindings(db, workspaceId, now, { actor });
  return saved;
}

async function lock(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`gpt-policy:${workspaceId}`}))`;
}
