// An agent's configuration as its CUSTOM_AGENTS_LOG events tell it, pure: fold the events in event order
// (timestamp, then event_id), so late and out-of-order files give the same state as ordered ones.
import { compareEvents } from '@/lib/logs/event.ts';
import { AGENT_LIFECYCLE, AGENT_TRIGGERS } from '@/lib/logs/event-types.ts';

export type ObservedConnector = {
  /** connector_id as the platform writes it (resolved against the app catalogue by classification). */
  app: string;
  allowedTools: string[] | null;
  approvals: string | null;
  authVariant: string | null;
};

export type AgentStatus = 'draft' | 'published' | 'suspended' | 'deleted';

export type ObservedAgent = {
  agentId: string;
  name: string | null;
  ownerEmail: string | null;
  versionId: string | null;
  status: AgentStatus;
  connectors: ObservedConnector[];
  skills: { id: string; name: string | null; type: string | null }[];
  triggers: { id: string; type: string | null; connectorId: string | null; enabled: boolean }[];
  /** The connectors of the last AGENT_PUBLISHED: until publish reviews exist, what counts as reviewed. */
  publishedConnectors: ObservedConnector[] | null;
  publishedVersionId: string | null;
  firstSeenAt: string;
  lastEventAt: string;
  /** Each configuration change, for the agent's history: what happened, when, by whom. */
  changes: { at: string; eventId: string; kind: string; actorEmail: string | null; detail: Record<string, unknown> }[];
};

export type AgentEvent = {
  eventId: string;
  timestamp: string;
  eventType: string | null;
  actorEmail: string | null;
  record: Record<string, unknown>;
};

const LIFECYCLE = new Set<string>(AGENT_LIFECYCLE);
const TRIGGERS = new Set<string>(AGENT_TRIGGERS);

/** Folds one agent's events (any order in, sorted here) into its observed state; null when none configure it. */
export function foldAgent(agentId: string, events: AgentEvent[]): ObservedAgent | null {
  let agent: ObservedAgent | null = null;
  for (const e of [...events].sort(compareEvents)) agent = applyAgentEvent(agent, agentId, e);
  return agent;
}

/** One step of the fold: the state after `e` (the same object, changed), or null while nothing configures it. */
export function applyAgentEvent(agent: ObservedAgent | null, agentId: string, e: AgentEvent): ObservedAgent | null {
  const type = e.eventType ?? '';
  if (!LIFECYCLE.has(type) && !TRIGGERS.has(type)) return agent;
  const state = agent ?? empty(agentId, e.timestamp);
  state.lastEventAt = e.timestamp;
  const details = (e.record.event_details ?? {}) as Record<string, unknown>;
  if (TRIGGERS.has(type)) applyTrigger(state, type, details);
  else applyLifecycle(state, e, type, details);
  return state;
}

function empty(agentId: string, at: string): ObservedAgent {
  return {
    agentId,
    name: null,
    ownerEmail: null,
    versionId: null,
    status: 'draft',
    connectors: [],
    skills: [],
    triggers: [],
    publishedConnectors: null,
    publishedVersionId: null,
    firstSeenAt: at,
    lastEventAt: at,
    changes: [],
  };
}

function applyLifecycle(agent: ObservedAgent, e: AgentEvent, type: string, details: Record<string, unknown>) {
  const fields = details.agent_fields as Record<string, unknown> | undefined;
  const versionId = typeof details.version_id === 'string' ? details.version_id : agent.versionId;
  const before = { name: agent.name, status: agent.status, connectors: agent.connectors };
  if (type === 'AGENT_CREATED' && agent.ownerEmail === null) agent.ownerEmail = e.actorEmail;
  if (fields && type !== 'AGENT_DELETED') {
    if (typeof fields.name === 'string') agent.name = fields.name;
    const tools = fields.tools as { connectors?: unknown } | undefined;
    if (tools && Array.isArray(tools.connectors))
      agent.connectors = tools.connectors.map(connectorOf).filter((c): c is ObservedConnector => c !== null);
    if (Array.isArray(fields.skills))
      agent.skills = fields.skills.map(skillOf).filter((s): s is ObservedAgent['skills'][number] => s !== null);
  }
  agent.versionId = versionId;
  if (type === 'AGENT_PUBLISHED') {
    agent.status = 'published';
    agent.publishedConnectors = agent.connectors;
    agent.publishedVersionId = versionId;
  } else if (type === 'AGENT_UNPUBLISHED' || type === 'AGENT_UNSUSPENDED') agent.status = 'draft';
  else if (type === 'AGENT_SUSPENDED') agent.status = 'suspended';
  else if (type === 'AGENT_DELETED') agent.status = 'deleted';
  agent.changes.push({
    at: e.timestamp,
    eventId: e.eventId,
    kind: type.toLowerCase(),
    actorEmail: e.actorEmail,
    detail: changeDetail(before, agent, versionId),
  });
}

function changeDetail(
  before: { name: string | null; status: AgentStatus; connectors: ObservedConnector[] },
  after: ObservedAgent,
  versionId: string | null,
) {
  const ids = (list: ObservedConnector[]) => list.map((c) => c.app);
  const added = ids(after.connectors).filter((id) => !ids(before.connectors).includes(id));
  const removed = ids(before.connectors).filter((id) => !ids(after.connectors).includes(id));
  const detail: Record<string, unknown> = { versionId };
  if (before.name !== after.name) detail.name = { from: before.name, to: after.name };
  if (before.status !== after.status) detail.status = { from: before.status, to: after.status };
  if (added.length) detail.connectorsAdded = added;
  if (removed.length) detail.connectorsRemoved = removed;
  return detail;
}

function connectorOf(value: unknown): ObservedConnector | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  if (typeof c.connector_id !== 'string' || c.connector_id === '') return null;
  return {
    app: c.connector_id,
    allowedTools: Array.isArray(c.allowed_tools)
      ? c.allowed_tools.filter((t): t is string => typeof t === 'string')
      : null,
    approvals: typeof c.user_approvals === 'string' ? c.user_approvals : null,
    authVariant: typeof c.auth_variant_type === 'string' ? c.auth_variant_type : null,
  };
}

function skillOf(value: unknown): ObservedAgent['skills'][number] | null {
  if (!value || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  if (typeof s.id !== 'string') return null;
  return {
    id: s.id,
    name: typeof s.name === 'string' ? s.name : null,
    type: typeof s.type === 'string' ? s.type : null,
  };
}

function applyTrigger(agent: ObservedAgent, type: string, details: Record<string, unknown>) {
  const id = typeof details.trigger_id === 'string' ? details.trigger_id : null;
  if (id === null) return;
  const rest = agent.triggers.filter((t) => t.id !== id);
  if (type === 'TRIGGER_DELETED') {
    agent.triggers = rest;
    return;
  }
  const fields = (details.trigger_fields ?? {}) as Record<string, unknown>;
  agent.triggers = [
    ...rest,
    {
      id,
      type: typeof details.trigger_type === 'string' ? details.trigger_type : null,
      connectorId: typeof fields.connector_id === 'string' ? fields.connector_id : null,
      enabled: fields.enabled !== false,
    },
  ];
}
