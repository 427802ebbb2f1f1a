// How findings are named on the page and in exports (pure).
import type { FindingKind } from './types.ts';

export const KIND_LABELS: Record<FindingKind, string> = {
  'role-missing': 'Role missing',
  'role-bit-beyond-baseline': 'Role permission beyond baseline',
  'role-not-in-baseline': 'Role outside the baseline',
  'role-unmapped': 'Role not mapped to an IdP group',
  'role-drift': 'Role drift',
  'direct-assignment': 'Agent role assigned directly',
  'unmapped-privileges': 'Agent privileges through no mapped group',
  'shared-connections': 'Publish with shared connections',
  'owners-over-limit': 'More than two owners',
  'attestation-overdue': 'Re-attestation overdue',
  'allow-all': 'App allows all actions',
  'action-custom': 'Custom action control',
  'new-actions-allow': 'New actions not denied',
  'action-drift': 'Action control drift',
  'campaign-revoke': 'Access review: revocation not yet done',
  'campaign-reassign': 'Access review: reassignment not yet done',
  'gpt-shared-beyond-policy': 'GPT shared beyond the GPT policy',
  'gpt-action-domain-not-allowed': 'GPT action to a domain the policy does not allow',
  'gpt-action-plain-http': 'GPT action over plain http',
  'gpt-action-no-auth': 'GPT action without auth to a non-public API',
  'gpt-action-static-key': 'GPT action with a static API key (rotation review)',
  'gpt-memory-with-sensitive-file': 'GPT memory on with a confidential or restricted file',
  'gpt-file-unclassified': 'GPT knowledge file not classified',
  'gpt-no-owner': 'GPT without an owner',
  'gpt-owner-not-on-roster': 'GPT owner no longer on the roster',
  'gpt-no-use-case': 'GPT without a stated business use case',
  'gpt-unused': 'GPT not used in 90 days',
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const CONTROL_TITLES: Record<string, string> = {
  '1.4': 'Role-based access control',
  '3.2': 'App and plugin access',
  '6.1': 'Agent RBAC roles',
  '6.2': 'Connector action control',
  '3.1': 'Third-party GPT access',
};
