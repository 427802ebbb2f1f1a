// OpenAI's pre-launch admin checklist (guide control 6.7, pack 6.07), a publish gate. Pure: the six steps,
// which of them apply to an agent, and each step's status from its workspace sign-offs (90 days each).

/** The pack's checklist_version. */
export const CHECKLIST_VERSION = 'openai-2026-04-29';

export type ChecklistStep = {
  id: number;
  /** The pack's step name. */
  name: string;
  /** The step's heading in the guide. */
  title: string;
  description: string;
  evidenceRequired: string;
};

// Copied from lib/packs/fixtures/hth-chatgpt-enterprise-6.07-prelaunch-checklist.jsonc (a test keeps them equal).
export const STEPS: readonly ChecklistStep[] = [
  {
    id: 1,
    name: 'audit_users_and_groups',
    title: 'Audit users and groups',
    description:
      'Users are added to the workspace and in the right SCIM-provisioned ' +
      'groups. No orphaned accounts; no service accounts in user groups.',
    evidenceRequired: 'SCIM sync report + user-list export',
  },
  {
    id: 2,
    name: 'configure_custom_roles',
    title: 'Configure custom roles for builders and users',
    description:
      'Five-dimension RBAC mapping per control 6.1. ' +
      'publish_agents_with_shared_connections withheld unless CAB-approved.',
    evidenceRequired: 'role export + RBAC matrix screenshot',
  },
  {
    id: 3,
    name: 'enable_approved_apps',
    title: 'Enable approved apps',
    description:
      'Enable only apps required by the workflow. Confirm read/write split. ' +
      'New actions require admin review (not auto-enabled).',
    evidenceRequired: 'app list export + action-control settings screenshot',
  },
  {
    id: 4,
    name: 'make_required_skills_available',
    title: 'Make required skills available',
    description:
      'Enable skill permissions for the relevant builder and user groups. ' +
      'Skills package instructions, files, and scripts — treat their ' +
      'enablement as a privileged grant.',
    evidenceRequired: 'skill permission audit',
  },
  {
    id: 5,
    name: 'review_mcp_availability',
    title: 'Review MCP availability',
    description:
      'If builders need custom MCPs, enable Developer Mode or approved MCP ' +
      'connectors only for the right builder groups. SIEM ingestion (control ' +
      '6.6) must be live before any MCP grant.',
    evidenceRequired: 'Developer Mode role assignment + SIEM event_id of first MCP-related event',
  },
  {
    id: 6,
    name: 'confirm_slack_setup',
    title: 'Confirm Slack setup',
    description:
      'If agents will be deployed to Slack, approve the ChatGPT Agents app in ' +
      'Slack and define who can deploy via the enable_slack_bot RBAC bit. ' +
      'Slack-deployed agents carry higher inherent risk because Slack cannot ' +
      'pause for per-user auth.',
    evidenceRequired: 'Slack app approval screenshot + RBAC enable_slack_bot membership list',
  },
];

/** A workspace sign-off counts this long after it is given. */
export const SIGNOFF_VALID_DAYS = 90;

const DAY_MS = 86_400_000;

export type StepStatus = 'signed' | 'stale' | 'missing';

export type StepState<S> = {
  step: number;
  status: StepStatus;
  /** The newest sign-off of the step, if any. */
  latest: S | null;
  /** When the newest sign-off stops counting (for a stale step: since when). */
  expiresAt: Date | null;
  /** The older sign-offs, newest first. */
  earlier: S[];
};

export type WorkspaceChecklist<S> = { steps: StepState<S>[]; signed: number; complete: boolean };

export function signoffExpiresAt(signedAt: Date): Date {
  return new Date(signedAt.getTime() + SIGNOFF_VALID_DAYS * DAY_MS);
}

/**
 * Each step's status at `now`: signed while now < signedAt + 90 days (UTC instants), then stale; never signed: missing.
 */
export function workspaceChecklist<S extends { step: number; signedAt: Date }>(
  signoffs: readonly S[],
  now: Date,
): WorkspaceChecklist<S> {
  const steps = STEPS.map((s): StepState<S> => {
    const mine = signoffs.filter((o) => o.step === s.id).sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime());
    const [latest, ...earlier] = mine;
    if (!latest) return { step: s.id, status: 'missing', latest: null, expiresAt: null, earlier: [] };
    const expiresAt = signoffExpiresAt(latest.signedAt);
    return { step: s.id, status: now.getTime() < expiresAt.getTime() ? 'signed' : 'stale', latest, expiresAt, earlier };
  });
  const signed = steps.filter((s) => s.status === 'signed').length;
  return { steps, signed, complete: signed === STEPS.length };
}

export type AgentFacts = { hasSkills: boolean; usesCustomMcp: boolean; deployedToSlack: boolean };

/** The steps a reviewer confirms for one agent: 1–3 always, 4 with skills, 5 with a custom MCP server, 6 on Slack. */
export function agentSteps(agent: AgentFacts): number[] {
  return [
    1,
    2,
    3,
    ...(agent.hasSkills ? [4] : []),
    ...(agent.usesCustomMcp ? [5] : []),
    ...(agent.deployedToSlack ? [6] : []),
  ];
}

export function stepById(id: number): ChecklistStep | undefined {
  return STEPS.find((s) => s.id === id);
}
