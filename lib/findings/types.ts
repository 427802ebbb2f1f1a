// What the findings evaluation reads (a snapshot of one workspace) and what it produces (drafts).
// Pure types: no Next, no Prisma, so the CLI, the web app and posture scoring share them.

import type { CampaignChange } from './campaign.ts';
import { GPT_FINDING_KINDS } from '@/lib/gpts/findings.ts';
import type { SnapshotGpts } from './gpt.ts';

/** The guide's five agent permission dimensions (6.1), in the guide's order. */
export const AGENT_BITS = [
  'use_agents',
  'build_agents',
  'publish_agents',
  'publish_agents_with_shared_connections',
  'enable_slack_bot',
] as const;
export type AgentBit = (typeof AGENT_BITS)[number];
export type AgentBits = Record<AgentBit, boolean>;

/** The three roles the guide asks for; the only ones that should ever hold agent privileges. */
export const GUIDE_ROLES = ['agents-run', 'agents-build', 'agents-admin'] as const;

export type SnapshotMember = {
  id: string;
  email: string;
  name: string | null;
  /** owner | admin | member | null (unknown until the CSV says) */
  workspaceRole: string | null;
  /** active | deactivated | removed — only active members count. */
  status: string;
  /** Group displayNames the member belongs to. */
  groups: string[];
  directAgentRoles: string[];
  attestedAt: Date | null;
};

export type SnapshotGroup = { id: string; displayName: string; source: string };

export type SnapshotRole = { name: string; groupName: string | null } & AgentBits;

export type SnapshotActionControl = {
  appId: string;
  enabled: boolean;
  /** allow_all | read_only | custom */
  mode: string;
  allowedActions: string[];
  deniedActions: string[];
  /** deny | allow */
  newActionsDefault: string;
};

export type SnapshotException = {
  id: string;
  status: string;
  reviewAt: Date;
  scopeKind: string;
  scope: unknown;
  findingKeys: string[];
};

export type FindingsSnapshot = {
  workspaceId: string;
  members: SnapshotMember[];
  groups: SnapshotGroup[];
  baselineRoles: SnapshotRole[];
  observedRoles: SnapshotRole[];
  baselineControls: SnapshotActionControl[];
  observedControls: SnapshotActionControl[];
  exceptions: SnapshotException[];
  /** Revoke and reassign decisions of access reviews not yet seen done (lib/findings/campaign.ts). */
  campaignChanges?: CampaignChange[];
  /** The workspace's custom GPTs with the policy, classifications, use cases and log coverage (lib/findings/gpt.ts). */
  gpts?: SnapshotGpts;
  now: Date;
};

export const FINDING_KINDS = [
  'role-missing',
  'role-bit-beyond-baseline',
  'role-not-in-baseline',
  'role-unmapped',
  'role-drift',
  'direct-assignment',
  'unmapped-privileges',
  'shared-connections',
  'owners-over-limit',
  'attestation-overdue',
  'allow-all',
  'action-custom',
  'new-actions-allow',
  'action-drift',
  'campaign-revoke',
  'campaign-reassign',
  ...GPT_FINDING_KINDS,
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type SubjectType = 'role' | 'member' | 'app' | 'workspace' | 'agent';

/** What causes a finding: the records behind it, so the page can link them. */
export type FindingCause = {
  /** Other controls of the guide the finding also bears on (allow_all: 3.2). */
  controls?: string[];
  roles?: string[];
  members?: { id: string; email: string }[];
  groups?: string[];
  apps?: string[];
  bits?: string[];
  /** Observed vs baseline, for drift. */
  field?: string;
  observed?: unknown;
  baseline?: unknown;
  [extra: string]: unknown;
};

export type FindingDraft = {
  /** Stable: kind + subject (+ detail), the same finding from one evaluation to the next. */
  key: string;
  control: string;
  kind: FindingKind;
  subjectType: SubjectType;
  subjectId: string;
  subjectLabel: string;
  message: string;
  cause: FindingCause;
  /** Who answers for it when first opened (a GPT's owner); the findings page may reassign it. */
  owner?: string | null;
};
