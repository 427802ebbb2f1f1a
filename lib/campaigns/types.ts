// Access-review campaigns (issue 17 item 6): the words the rules, the services and the pages share. Pure.

/** What a campaign can review, each read by one source in lib/campaigns/scopes. */
export const SCOPES = ['agent-roles', 'agent-owners', 'gpt-sharing', 'gpt-owners'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_LABELS: Record<Scope, string> = {
  'agent-roles': 'Agent role assignments (guide 6.1)',
  'agent-owners': 'Agent ownership',
  'gpt-sharing': 'GPT sharing lists',
  'gpt-owners': 'GPT ownership',
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Ownership can be handed to someone else; an assignment or a share can only be kept or taken away. */
export const REASSIGNABLE: readonly Scope[] = ['agent-owners', 'gpt-owners'];

export const DECISIONS = ['keep', 'revoke', 'reassign'] as const;
export type Decision = (typeof DECISIONS)[number];

export const CAMPAIGN_STATUSES = ['scheduled', 'running', 'completed', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** One access as a scope source reads it now; a campaign copies these into its items when it starts. */
export type ScopeItem = {
  scope: Scope;
  /** Stable across reads: the same access has the same key tomorrow (it names the subject, never a count). */
  key: string;
  label: string;
  /** Who (or what) holds the access now: a member's email, an owner's email, a GPT's visibility. */
  holder: string;
  access: string;
  /** Whom to ask about it: the agent's or GPT's owner; null for a role assignment (the reviewer decides). */
  ownerEmail: string | null;
  /** The subject the access is on, for links and findings: a member's email or an agent's platform id. */
  subjectType: 'member' | 'agent';
  subjectId: string;
  detail: Record<string, unknown>;
};

export type Reviewer = { id: string; label: string };
