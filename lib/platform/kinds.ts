// What a platform action is (docs/decisions/0026): its kinds, the states it moves through, which need a second
// person, and which log events show that the platform carried it out. Pure: the app, the CLI, the jobs and the
// tests share it.

export const ACTION_KINDS = [
  'unpublish_agent',
  'delete_agent',
  'isolate_gpt',
  'delete_gpt',
  'delete_gpt_file',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = [
  'awaiting_approval', // destructive, or more than 10 targets at once: a second person must approve
  'queued', // may be sent (now, or at nextAttemptAt after a 429/5xx)
  'sending', // an attempt is written and its request may have left: a retry reuses the idempotency key
  'answered', // the platform accepted (2xx, or 404 for a target already gone); waiting for the logs
  'confirmed', // a log event the puller read from the platform (or a GPT read) shows the change
  'not_seen', // answered, but the pulls since have not shown the change: an alert is open
  'failed', // refused (401/403/4xx) or out of retries: nothing more is tried
  'declined', // the second person said no
  'expired', // not approved within 24 hours
  'dry_run', // a response policy in dry-run mode recorded what it would have done
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** States an action never leaves. */
export const FINAL_STATUSES: readonly ActionStatus[] = ['confirmed', 'failed', 'declined', 'expired', 'dry_run'];

export const KIND_LABELS: Record<ActionKind, string> = {
  unpublish_agent: 'Unpublish agent',
  delete_agent: 'Delete agent',
  isolate_gpt: 'Isolate GPT (remove all sharing)',
  delete_gpt: 'Delete GPT',
  delete_gpt_file: 'Delete GPT knowledge file',
};

export const STATUS_LABELS: Record<ActionStatus, string> = {
  awaiting_approval: 'Awaiting a second person',
  queued: 'Queued',
  sending: 'Sending',
  answered: 'Platform answered',
  confirmed: 'Confirmed in logs',
  not_seen: 'Not yet seen in logs',
  failed: 'Failed',
  declined: 'Declined',
  expired: 'Expired',
  dry_run: 'Dry run',
};

/** Kinds that cannot be undone in the console: always two people. */
export const DESTRUCTIVE_KINDS: readonly ActionKind[] = ['delete_agent', 'delete_gpt', 'delete_gpt_file'];
/** More targets than this in one request need a second person, whatever the kind. */
export const MAX_TARGETS_WITHOUT_APPROVAL = 10;
/** An unapproved request lapses after this long. */
export const APPROVAL_TTL_MS = 24 * 3_600_000;

export function needsSecondPerson(kind: ActionKind, targets: number): boolean {
  return DESTRUCTIVE_KINDS.includes(kind) || targets > MAX_TARGETS_WITHOUT_APPROVAL;
}

export const isAgentKind = (kind: ActionKind) => kind === 'unpublish_agent' || kind === 'delete_agent';

/**
 * Compliance Logs event types that show each kind carried out (assumed for the GPT kinds; docs/decisions/0026).
 * GPT actions are also confirmed by the next GPT read that shows the change (private and nobody to share with;
 * no longer listed; the file gone from the latest configuration).
 */
export const CONFIRMING_EVENTS: Record<ActionKind, readonly string[]> = {
  unpublish_agent: ['AGENT_UNPUBLISHED', 'AGENT_SUSPENDED', 'AGENT_DELETED'],
  delete_agent: ['AGENT_DELETED'],
  isolate_gpt: ['GPT_SHARED_USERS_REMOVED', 'GPT_SHARING_UPDATED', 'GPT_DELETED'],
  delete_gpt: ['GPT_DELETED'],
  delete_gpt_file: ['GPT_FILE_DELETED', 'GPT_DELETED'],
};
/** The client_id the platform sets on events its Compliance API caused. */
export const COMPLIANCE_API_CLIENT_ID = 'ENTERPRISE_COMPLIANCE_API';

/** secret-box purpose of the act key (the read key's is lib/logs/puller/pull-all.ts API_KEY_PURPOSE). */
export const ACT_KEY_PURPOSE = 'compliance-act-key';
/** The platform's limit per acting route (requests a minute); the executor never goes beyond it. */
export const ROUTE_LIMIT_PER_MINUTE = 100;
/** Finished pulls after the answer without a confirming event before an action is `not_seen`. */
export const PULLS_BEFORE_NOT_SEEN = 3;
/** …and at least this long after the platform's answer (its logs may lag; follow-up pulls come a minute apart). */
export const NOT_SEEN_AFTER_MS = 15 * 60_000;
/** After an answer, the logs are pulled every minute for this long (then on the pull's own schedule). */
export const FOLLOW_UP_MS = 20 * 60_000;
