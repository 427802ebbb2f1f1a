// What stands between a custom GPT and approval beyond the agents' gate: the GPT policy (guide 3.1, 3.2). Shared
// more widely than the policy allows, or an action calling a domain it does not allow, refuses approval unless an
// exception in force lists that very finding. Read in the decision's transaction, as the rest of the context.
import type { Db, Tx } from '@/lib/db.ts';
import { gptFindingKey } from '@/lib/findings/gpt.ts';
import { evaluateGptFindings } from '@/lib/gpts/findings.ts';
import { loadGptPolicy } from '@/lib/gpts/policy-queries.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import type { PolicyRefusal } from './refusals.ts';

const GATED = {
  'gpt-shared-beyond-policy': 'gpt_shared_beyond_policy',
  'gpt-action-domain-not-allowed': 'gpt_domain_not_allowed',
} as const;

export async function gptPolicyRefusals(
  db: Db | Tx,
  workspaceId: string,
  gptId: string,
  gpt: Gpt,
  now: Date,
): Promise<PolicyRefusal[]> {
  const { version: _v, source: _s, createdBy: _b, createdAt: _a, ...policy } = await loadGptPolicy(db, workspaceId);
  // Only the policy's own kinds: the other inputs (roster, files, logs) do not gate approval.
  const found = evaluateGptFindings({
    gpt,
    policy,
    fileClassifications: [],
    rosterEmails: null,
    useCase: 'not judged here',
    usage: null,
    now: now.toISOString(),
  }).filter((f) => Object.hasOwn(GATED, f.kind));
  if (found.length === 0) return [];
  const keys = found.map((f) => gptFindingKey(f.kind, gptId, f.subject));
  const excepted = await db.exception.findMany({
    where: { workspaceId, status: 'approved', reviewAt: { gt: now }, findingKeys: { hasSome: keys } },
    select: { id: true, findingKeys: true },
  });
  const covered = new Map<string, string>();
  for (const e of excepted) for (const k of e.findingKeys) covered.set(k, e.id);
  return found.map((f, i) => ({
    code: GATED[f.kind as keyof typeof GATED],
    key: keys[i]!,
    message: `${f.detail} The GPT policy does not allow it: change the GPT, or have an exception accept the finding.`,
    exceptionId: covered.get(keys[i]!) ?? null,
  }));
}
