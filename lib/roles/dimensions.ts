// Control 6.1: the five agent permission dimensions of ChatGPT workspace RBAC, and the default baseline the
// guide's text gives (not its code pack, which also enables the Slack bot for agents-run and agents-build).

export const DIMENSIONS = [
  'use_agents',
  'build_agents',
  'publish_agents',
  'publish_agents_with_shared_connections',
  'enable_slack_bot',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  use_agents: 'Use agents',
  build_agents: 'Build agents',
  publish_agents: 'Publish agents',
  publish_agents_with_shared_connections: 'Publish with shared connections',
  enable_slack_bot: 'Slack bot',
};

/** Granting these asks for explicit confirmation: they let agents act for many people or outside ChatGPT. */
export const HIGH_RISK: readonly Dimension[] = [
  'publish_agents',
  'publish_agents_with_shared_connections',
  'enable_slack_bot',
];

export type Permissions = Record<Dimension, boolean>;

export type RoleSpec = {
  name: string;
  description: string;
  /** The IdP group the role is mapped to; null when unmapped. */
  groupName: string | null;
  permissions: Permissions;
};

export const SIDES = ['baseline', 'observed'] as const;
export type Side = (typeof SIDES)[number];

export function permissionsOf(granted: Dimension[]): Permissions {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, granted.includes(d)])) as Permissions;
}

export function grantedDimensions(p: Permissions): Dimension[] {
  return DIMENSIONS.filter((d) => p[d]);
}

/** Guide 6.1, step 2: three roles, each mapped to the SCIM group of the same name; shared connections held by none. */
export function defaultBaselineRoles(): RoleSpec[] {
  return [
    {
      name: 'agents-run',
      description: 'Run published agents; cannot build or publish.',
      groupName: 'agents-run',
      permissions: permissionsOf(['use_agents']),
    },
    {
      name: 'agents-build',
      description: 'Build and modify agents; cannot publish org-wide.',
      groupName: 'agents-build',
      permissions: permissionsOf(['use_agents', 'build_agents']),
    },
    {
      name: 'agents-admin',
      description: 'Publish agents workspace-wide; approve cross-team sharing.',
      groupName: 'agents-admin',
      permissions: permissionsOf(['use_agents', 'build_agents', 'publish_agents', 'enable_slack_bot']),
    },
  ];
}

/** Row ↔ spec: AgentRole stores the dimensions as camelCase columns. */
export type AgentRoleColumns = {
  name: string;
  description: string;
  groupName: string | null;
  useAgents: boolean;
  buildAgents: boolean;
  publishAgents: boolean;
  publishWithSharedConnections: boolean;
  enableSlackBot: boolean;
};

export function specFromRow(row: AgentRoleColumns): RoleSpec {
  return {
    name: row.name,
    description: row.description,
    groupName: row.groupName,
    permissions: {
      use_agents: row.useAgents,
      build_agents: row.buildAgents,
      publish_agents: row.publishAgents,
      publish_agents_with_shared_connections: row.publishWithSharedConnections,
      enable_slack_bot: row.enableSlackBot,
    },
  };
}

export function columnsFromSpec(spec: RoleSpec): AgentRoleColumns {
  const p = spec.permissions;
  return {
    name: spec.name,
    description: spec.description,
    groupName: spec.groupName,
    useAgents: p.use_agents,
    buildAgents: p.build_agents,
    publishAgents: p.publish_agents,
    publishWithSharedConnections: p.publish_agents_with_shared_connections,
    enableSlackBot: p.enable_slack_bot,
  };
}
