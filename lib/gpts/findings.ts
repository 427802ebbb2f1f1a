// A GPT's findings (issue 17, item 4), pure: the GPT against the workspace's GPT policy, the roster, the
// reviewers' file classifications and what the logs say about its use. Subjects are the same ids the
// trifecta's sources use (`action:<domain>`, `file:<id>`), or `gpt` for the GPT as a whole, so a finding's
// key (kind + GPT + subject) is stable from one evaluation to the next. Sorted: by GPT, kind, then subject —
// unclassified files with the most sensitive-looking names first.
import { nameSensitivity } from '@/lib/gpts/findings-file-names.ts';
import { actionSourceIds } from '@/lib/gpts/legs.ts';
import { normalizeDomain } from '@/lib/gpts/policy-domains.ts';
import { actionDomainAllowed, type GptPolicy, isPublicApi, sharedBeyondPolicy } from '@/lib/gpts/policy.ts';
import { GPT_VISIBILITY_LABELS, type Gpt } from '@/lib/gpts/types.ts';

export const GPT_FINDING_KINDS = [
  'gpt-shared-beyond-policy',
  'gpt-action-domain-not-allowed',
  'gpt-action-plain-http',
  'gpt-action-no-auth',
  'gpt-action-static-key',
  'gpt-memory-with-sensitive-file',
  'gpt-file-unclassified',
  'gpt-no-owner',
  'gpt-owner-not-on-roster',
  'gpt-no-use-case',
  'gpt-unused',
] as const;
export type GptFindingKind = (typeof GPT_FINDING_KINDS)[number];

/** The guide's control each kind bears on: 3.1 (which GPTs, shared how widely, owned, why), 3.2 (what they reach). */
export const GPT_FINDING_CONTROLS: Record<GptFindingKind, '3.1' | '3.2'> = {
  'gpt-shared-beyond-policy': '3.1',
  'gpt-action-domain-not-allowed': '3.2',
  'gpt-action-plain-http': '3.2',
  'gpt-action-no-auth': '3.2',
  'gpt-action-static-key': '3.2',
  'gpt-memory-with-sensitive-file': '3.2',
  'gpt-file-unclassified': '3.2',
  'gpt-no-owner': '3.1',
  'gpt-owner-not-on-roster': '3.1',
  'gpt-no-use-case': '3.1',
  'gpt-unused': '3.1',
};

export const FILE_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type FileClassification = (typeof FILE_CLASSIFICATIONS)[number];

export const UNUSED_DAYS = 90;
const DAY_MS = 86_400_000;

export type GptFindingInput = {
  gpt: Pick<Gpt, 'id' | 'owner' | 'sharing' | 'capabilities' | 'actions' | 'files'>;
  policy: GptPolicy;
  /** A reviewer's classification of each knowledge file, by file id; a file not listed is unclassified. */
  fileClassifications: { fileId: string; classification: FileClassification }[];
  /** E-mail addresses of the active roster; null when no roster was imported (then ownership is not judged). */
  rosterEmails: readonly string[] | null;
  /** The GPT's stated business use case (the seed's first step). */
  useCase: string | null;
  /** What the Compliance Logs cover and the GPT's last use in them; null when no log was ever read. */
  usage: { logsFrom: string; lastUsedAt: string | null } | null;
  now: string;
};

export type GptFinding = { kind: GptFindingKind; gptId: string; subject: string; detail: string };

export function evaluateGptFindings(input: GptFindingInput): GptFinding[] {
  const { gpt } = input;
  const out: GptFinding[] = [];
  const add = (kind: GptFindingKind, subject: string, detail: string) =>
    out.push({ kind, gptId: gpt.id, subject, detail });

  if (sharedBeyondPolicy(input.policy, gpt.sharing.visibility))
    add(
      'gpt-shared-beyond-policy',
      'gpt',
      `Shared with ${GPT_VISIBILITY_LABELS[gpt.sharing.visibility].toLowerCase()}; the policy allows at most ` +
        `${GPT_VISIBILITY_LABELS[input.policy.maxVisibility].toLowerCase()}.`,
    );
  actionFindings(input, add);
  fileFindings(input, add);
  ownerFindings(input, add);
  if (!input.useCase?.trim()) add('gpt-no-use-case', 'gpt', 'No business use case is stated for this GPT.');
  const unused = unusedDetail(input);
  if (unused) add('gpt-unused', 'gpt', unused);

  const rank = new Map(input.gpt.files.map((f) => [`file:${f.id}`, nameSensitivity(f.name).score]));
  return out.sort(
    (a, b) =>
      cmp(a.gptId, b.gptId) ||
      GPT_FINDING_KINDS.indexOf(a.kind) - GPT_FINDING_KINDS.indexOf(b.kind) ||
      (rank.get(b.subject) ?? 0) - (rank.get(a.subject) ?? 0) ||
      // Files of equal rank by name (the detail starts with it), so the list reads alphabetically.
      (rank.has(a.subject) && rank.has(b.subject) ? cmp(a.detail, b.detail) : 0) ||
      cmp(a.subject, b.subject) ||
      cmp(a.detail, b.detail),
  );
}

type Add = (kind: GptFindingKind, subject: string, detail: string) => void;

function actionFindings({ gpt, policy }: GptFindingInput, add: Add): void {
  const ids = actionSourceIds(gpt.actions);
  gpt.actions.forEach((action, i) => {
    const subject = ids[i]!;
    const domain = normalizeDomain(action.domain) || action.domain;
    // The platform's domain and every server the schema names: a schema may point past the recorded domain.
    const called = [...new Set([domain, ...action.servers.map((s) => s.domain)])].filter(Boolean).sort();
    const refused = called.filter((host) => !actionDomainAllowed(policy, host));
    if (refused.length)
      add(
        'gpt-action-domain-not-allowed',
        subject,
        `The action calls ${refused.join(', ')}, which the policy does not allow.`,
      );
    const plain = action.servers.filter((s) => s.scheme === 'http').map((s) => s.url);
    if (plain.length) add('gpt-action-plain-http', subject, `The action calls ${plain.join(', ')} over plain http.`);
    const unlisted = called.filter((host) => !isPublicApi(policy, host));
    if (action.auth === 'none' && unlisted.length)
      add(
        'gpt-action-no-auth',
        subject,
        `The action calls ${unlisted.join(', ')} without signing in, and the policy does not list it as a public API.`,
      );
    if (action.auth === 'api_key')
      add(
        'gpt-action-static-key',
        subject,
        `The action signs in to ${domain} with a static API key: review its rotation.`,
      );
  });
}

function fileFindings({ gpt, fileClassifications }: GptFindingInput, add: Add): void {
  const byId = new Map(fileClassifications.map((c) => [c.fileId, c.classification]));
  const memory = gpt.capabilities.includes('memory');
  for (const file of gpt.files) {
    const classification = byId.get(file.id);
    if (classification === undefined) {
      const { terms } = nameSensitivity(file.name);
      const hint = terms.length ? ` Its name suggests sensitive data (${terms.join(', ')}).` : '';
      add('gpt-file-unclassified', `file:${file.id}`, `${file.name} is not classified yet.${hint}`);
    } else if (memory && (classification === 'confidential' || classification === 'restricted'))
      add(
        'gpt-memory-with-sensitive-file',
        `file:${file.id}`,
        `Memory is on while ${file.name} is classified ${classification}.`,
      );
  }
}

function ownerFindings({ gpt, rosterEmails }: GptFindingInput, add: Add): void {
  const email = gpt.owner?.email?.trim().toLowerCase() || null;
  if (!gpt.owner?.id && !email) {
    add('gpt-no-owner', 'gpt', 'The GPT has no owner.');
    return;
  }
  // Without an e-mail address the owner cannot be matched against the roster: not judged.
  if (rosterEmails === null || email === null) return;
  if (!rosterEmails.some((e) => e.trim().toLowerCase() === email))
    add('gpt-owner-not-on-roster', 'gpt', `The owner ${email} is no longer on the roster.`);
}

/** Judged only when the logs cover the whole window: without logs, no use seen is no evidence of no use. */
function unusedDetail({ usage, now }: GptFindingInput): string | null {
  if (!usage) return null;
  const since = Date.parse(now) - UNUSED_DAYS * DAY_MS;
  if (!(Date.parse(usage.logsFrom) <= since)) return null;
  if (usage.lastUsedAt === null) return `No use in the logs since they begin (${usage.logsFrom.slice(0, 10)}).`;
  if (Date.parse(usage.lastUsedAt) < since)
    return `Not used in ${UNUSED_DAYS} days: last used ${usage.lastUsedAt.slice(0, 10)}.`;
  return null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
