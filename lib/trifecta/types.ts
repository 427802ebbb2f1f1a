// Inputs and outputs of trifecta classification (guide 6.4; definitions in docs/domain).
import type { Leg } from '@/lib/apps/legs.ts';
import type { ResolvedApp } from '@/lib/apps/resolve.ts';

/** One connected app of an agent and its settings, as observed (export, logs). */
export type ConnectorInput = {
  /** The app as written by the source: "Google Drive", "google_drive", "mcp:acme-crm"… */
  app: string;
  /** Tools the agent may call; null when the source does not say (then every action is allowed). */
  allowedTools?: string[] | null;
  /** The connector's approval setting: 'always' gates every action behind a human. */
  approvals?: string | null;
  /** The workspace's action control for this app (6.2): read_only denies every write action. */
  actionControl?: 'allow_all' | 'read_only' | 'custom' | null;
  /** Actions the workspace's custom action control denies. */
  deniedActions?: string[];
  authVariant?: string | null;
};

/** An approved exception accepting this agent's trifecta at one configuration hash. */
export type TrifectaAcceptance = { configHash: string; expiresAt: Date };

export type EffectiveState = 'none' | 'exposed' | 'mitigated' | 'accepted';

export type SendMitigation = {
  app: string;
  mitigated: boolean;
  /** External-send actions still available without a human gate. */
  openActions: string[];
  reason: string;
};

export type RestrictOption = {
  app: string;
  /**
   * read_only: denying writes closes every send; gate: require a human on these actions; classify: an MCP server or an
   * app with no declared send actions.
   */
  fix: 'read_only' | 'gate' | 'classify';
  actions: string[];
};

/** What the apps alone give an agent: the legs, each with the apps that light it. */
export type Exposure = {
  apps: ResolvedApp[];
  legs: Record<Leg, string[]>;
  legCount: number;
  trifecta: boolean;
  unknownApps: string[];
  unclassifiedMcp: string[];
};

export type Classification = Exposure & {
  effectiveState: EffectiveState;
  sendMitigations: SendMitigation[];
  /** Every minimum set of apps whose removal breaks the trifecta (empty when not a trifecta). */
  breakSets: string[][];
  /** Connectors that could be restricted or gated instead of removed. */
  restrict: RestrictOption[];
};
