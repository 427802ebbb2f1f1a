// Default due dates by severity, counted from when a finding was first seen (or reopened).
// High: a privilege or setting that lets an agent act beyond its runner's own entitlements.
import type { FindingDraft } from './types.ts';

const DAY_MS = 86_400_000;

export const HIGH_SEVERITY_DAYS = 14;
export const DEFAULT_DAYS = 30;

const HIGH_GPT_KINDS = new Set<string>([
  'gpt-shared-beyond-policy',
  'gpt-action-domain-not-allowed',
  'gpt-action-plain-http',
  'gpt-memory-with-sensitive-file',
  'gpt-owner-not-on-roster',
  'gpt-no-owner',
]);

export function severityOf(d: Pick<FindingDraft, 'kind' | 'cause'>): 'high' | 'medium' {
  if (d.kind === 'allow-all' || d.kind === 'shared-connections' || d.kind === 'new-actions-allow') return 'high';
  // A reviewer already decided the access must go: two weeks to carry it out.
  if (d.kind === 'campaign-revoke' || d.kind === 'campaign-reassign') return 'high';
  // A GPT reaching beyond the policy, sending over plain http, remembering sensitive files, or owned by nobody here.
  if (HIGH_GPT_KINDS.has(d.kind)) return 'high';
  if (d.kind === 'role-bit-beyond-baseline' && (d.cause.bits ?? []).includes('publish_agents_with_shared_connections'))
    return 'high';
  return 'medium';
}

export function defaultDueAt(d: Pick<FindingDraft, 'kind' | 'cause'>, from: Date): Date {
  const days = severityOf(d) === 'high' ? HIGH_SEVERITY_DAYS : DEFAULT_DAYS;
  return new Date(from.getTime() + days * DAY_MS);
}
