// The Compliance Logs types and event types Tollgate knows. Anything else is stored and counted all the
// same (never dropped) and shown on Sources as unknown, so a new platform event is noticed, not lost.
/** The platform's log types (the `type` field, and `event_type` in the list call). */
export const LOG_TYPES = [
  'CUSTOM_AGENTS_LOG',
  'AUDIT_LOG',
  'AUTH_LOG',
  'APP_LOG',
  'APP_AUTH_LOG',
  'CONVERSATION_MESSAGE',
  'CODEX_LOG',
] as const;

/** Workspace-agent lifecycle events: they change an agent's configuration or publish state. */
export const AGENT_LIFECYCLE = [
  'AGENT_CREATED',
  'AGENT_UPDATED',
  'AGENT_PUBLISHED',
  'AGENT_UNPUBLISHED',
  'AGENT_SUSPENDED',
  'AGENT_UNSUSPENDED',
  'AGENT_DELETED',
] as const;
export const AGENT_TRIGGERS = ['TRIGGER_CREATED', 'TRIGGER_UPDATED', 'TRIGGER_DELETED'] as const;
/** Events inside a run: the run itself, its connector calls, memory operations and skills. */
export const AGENT_RUN_EVENTS = [
  'AGENT_RUN_CREATED',
  'AGENT_RUN_MESSAGE',
  'AGENT_RUN_COMPLETED',
  'AGENT_RUN_FAILED',
  'CONNECTOR_CALL_REQUESTED',
  'CONNECTOR_CALL_COMPLETED',
  'CONNECTOR_OAUTH_RESOLVED',
  'MEMORY_READ',
  'MEMORY_WRITE',
  'MEMORY_DELETE',
  'SKILL_USED',
] as const;

const CUSTOM_AGENT_EVENTS = new Set<string>([...AGENT_LIFECYCLE, ...AGENT_TRIGGERS, ...AGENT_RUN_EVENTS]);

/**
 * derived: Tollgate builds agent state, runs or alerts from it; stored: a known log type kept as evidence;
 * unknown-event: a CUSTOM_AGENTS_LOG event type Tollgate does not interpret; unknown-type: a log type it does not know.
 */
export type EventUse = 'derived' | 'stored' | 'unknown-event' | 'unknown-type';

export function eventUse(type: string, eventType: string): EventUse {
  if (type === 'CUSTOM_AGENTS_LOG') return CUSTOM_AGENT_EVENTS.has(eventType) ? 'derived' : 'unknown-event';
  return (LOG_TYPES as readonly string[]).includes(type) ? 'stored' : 'unknown-type';
}
