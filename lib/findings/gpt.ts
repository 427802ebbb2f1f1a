// The GPT findings (lib/gpts/findings.ts) as findings of the pipeline, pure: one draft per finding, keyed by kind,
// GPT id and the part it is about, bearing on the guide's 3.1 or 3.2, labelled with the GPT's name and first
// owned by the GPT's owner. Excepted like any finding: an exception that lists the key covers it.
import { evaluateGptFindings, type FileClassification, GPT_FINDING_CONTROLS } from '@/lib/gpts/findings.ts';
import type { GptPolicy } from '@/lib/gpts/policy.ts';
import type { Gpt } from '@/lib/gpts/types.ts';
import type { FindingDraft, SnapshotMember } from './types.ts';

export type SnapshotGpt = {
  /** The platform's GPT id (Agent.externalId). */
  gptId: string;
  name: string;
  gpt: Pick<Gpt, 'id' | 'owner' | 'sharing' | 'capabilities' | 'actions' | 'files'>;
  fileClassifications: { fileId: string; classification: FileClassification }[];
  useCase: string | null;
  /** The newest log event of this GPT; null when the logs show none. */
  lastUsedAt: string | null;
};

export type SnapshotGpts = {
  policy: GptPolicy;
  list: SnapshotGpt[];
  /** The oldest log event of the workspace; null when no log was ever read (then disuse is not judged). */
  logsFrom: string | null;
};

/** `<kind>:<GPT id>` for the GPT as a whole, `<kind>:<GPT id>:<part>` for an action or a file. */
export function gptFindingKey(kind: string, gptId: string, subject: string): string {
  return subject === 'gpt' ? `${kind}:${gptId}` : `${kind}:${gptId}:${subject}`;
}

export function gptFindingDrafts(
  gpts: SnapshotGpts | undefined,
  members: readonly Pick<SnapshotMember, 'email' | 'status'>[],
  now: Date,
): FindingDraft[] {
  if (!gpts) return [];
  const active = members.filter((m) => m.status === 'active').map((m) => m.email);
  // No roster imported: whether an owner left cannot be told.
  const rosterEmails = members.length > 0 ? active : null;
  const out: FindingDraft[] = [];
  for (const g of gpts.list) {
    const found = evaluateGptFindings({
      gpt: g.gpt,
      policy: gpts.policy,
      fileClassifications: g.fileClassifications,
      rosterEmails,
      useCase: g.useCase,
      usage: gpts.logsFrom === null ? null : { logsFrom: gpts.logsFrom, lastUsedAt: g.lastUsedAt },
      now: now.toISOString(),
    });
    const owner = g.gpt.owner?.email?.trim().toLowerCase() || null;
    for (const f of found)
      out.push({
        key: gptFindingKey(f.kind, g.gptId, f.subject),
        control: GPT_FINDING_CONTROLS[f.kind],
        kind: f.kind,
        subjectType: 'agent',
        subjectId: g.gptId,
        subjectLabel: g.name || g.gptId,
        message: f.detail,
        cause: { gpt: { id: g.gptId, part: f.subject }, ...(owner ? { owner } : {}) },
        // An owner who left cannot be the one to fix it: nobody until someone is assigned.
        owner: f.kind === 'gpt-owner-not-on-roster' ? null : owner,
      });
  }
  return out;
}
