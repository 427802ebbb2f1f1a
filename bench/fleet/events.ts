// The fleet's Compliance Logs, one day at a time, as the platform writes them: mostly agent runs (created,
// messages, connector calls on the agent's own apps, memory, skills, completed or failed), some agent edits and
// publications, conversation messages, sign-ins, admin audit events and app events. Pure: each record depends only
// on (seed, day, position), so a day can be made again alone and the same seed gives the same events.
import { owner } from '../generate.ts';
import { mix, unit, uuidOf, weighted } from './ids.ts';

export type Fields = Record<string, unknown>;
export type DayEvent = { type: string; record: Fields };

export type EventFleet = {
  principal: string;
  /** Agents by index: their external id, connector ids and status (see bench/fleet/agents.ts). */
  agents: number;
  externalId: (index: number) => string;
  connectorIds: (index: number) => string[];
  owners: number;
};

export type DayPlan = { seed: number; day: number; dayStart: number; events: number };

type Activity = 'run' | 'edit' | 'publish' | 'conversation' | 'auth' | 'audit' | 'app';
// About 7 events a run: runs make ~80% of the events, as in a workspace where agents are used daily.
const ACTIVITIES: [Activity, number][] = [
  ['run', 100],
  ['conversation', 90],
  ['auth', 40],
  ['audit', 12],
  ['app', 15],
  ['edit', 6],
  ['publish', 2],
];
const AUTH_EVENTS: [string, number][] = [
  ['LOGIN_SUCCEEDED', 90],
  ['LOGIN_FAILED', 6],
  ['LOGOUT', 4],
];
const AUDIT_ACTIONS: [string, number][] = [
  ['INVITE_SEND', 30],
  ['USER_ROLE_UPDATED', 20],
  ['WORKSPACE_TOGGLE_FEATURE', 10],
  ['LIST_WORKSPACE_LOG_FILES', 40],
];
const APP_EVENTS: [string, number][] = [
  ['APP_CONNECTED', 50],
  ['APP_DISCONNECTED', 10],
  ['APP_ACTION_INVOKED', 40],
];
const ACTIONS = ['search', 'read', 'list', 'send', 'create', 'update'];
const DAY_MS = 86_400_000;
const TAG_EVENT = 21;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The platform's timestamp form: UTC, six fractional digits. */
export function timestampOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Activity is skewed: a few agents run all day, most rarely (index = agents × u³). */
function pickAgent(fleet: EventFleet, u: number): number {
  return Math.min(fleet.agents - 1, Math.floor(fleet.agents * u * u * u));
}

function actorUser(fleet: EventFleet, k: number) {
  return { type: 'ACCOUNT_USER', user_id: `user-${k.toString(36)}`, user_email: owner(k % fleet.owners) };
}

/** The events of one day, in the order the platform's files would list them (each run's events together). */
export function* dayEvents(fleet: EventFleet, plan: DayPlan): Generator<DayEvent> {
  let n = 0; // events made today
  let step = 0; // draws today
  const draw = () => unit(plan.seed, plan.day, step++);
  const base = (type: string, eventType: string, at: number, actor: Fields, details: Fields) => ({
    event_id: uuidOf(plan.seed, TAG_EVENT, plan.day, n),
    type,
    timestamp: timestampOf(at),
    principal: { id: fleet.principal, type: 'CHATGPT_WORKSPACE' },
    actor,
    event_type: eventType,
    ...(type === 'AUDIT_LOG' ? { action: eventType, action_result: 'SUCCESS' } : {}),
    client_id: 'CHATGPT_WEB',
    workspace_id: fleet.principal,
    event_details: { detail_type: eventType, ...details },
  });
  const emit = (type: string, eventType: string, at: number, actor: Fields, details: Fields): DayEvent => {
    const record = base(type, eventType, at, actor, details);
    n++;
    return { type, record };
  };
  while (n < plan.events) {
    const at = plan.dayStart + Math.floor(draw() * (DAY_MS - 600_000));
    const activity = weighted(draw(), ACTIVITIES);
    const user = actorUser(fleet, Math.floor(draw() * fleet.owners * 3));
    if (activity === 'conversation') {
      const conversation = `conv-${mix(plan.seed, plan.day, step).toString(36)}`;
      yield emit('CONVERSATION_MESSAGE', 'CONVERSATION_MESSAGE', at, user, {
        conversation_id: conversation,
        message_id: `msg-${n}`,
        author_role: draw() < 0.5 ? 'user' : 'assistant',
        content: `Message ${n} of day ${plan.day}: summarise the latest figures for the team.`,
      });
      continue;
    }
    if (activity === 'auth') {
      yield emit('AUTH_LOG', weighted(draw(), AUTH_EVENTS), at, user, { method: 'sso', client_ip: '203.0.113.7' });
      continue;
    }
    if (activity === 'audit') {
      yield emit('AUDIT_LOG', weighted(draw(), AUDIT_ACTIONS), at, user, { target: `user-${n.toString(36)}` });
      continue;
    }
    const agent = pickAgent(fleet, draw());
    const agentId = fleet.externalId(agent);
    const connectors = fleet.connectorIds(agent);
    const version = `version-${1 + (mix(plan.seed, agent, 5) % 9)}`;
    if (activity === 'app') {
      const app = connectors[Math.floor(draw() * connectors.length)]!;
      yield emit('APP_LOG', weighted(draw(), APP_EVENTS), at, user, { app_id: app, agent_id: agentId });
      continue;
    }
    if (activity === 'edit' || activity === 'publish') {
      const eventType = activity === 'edit' ? 'AGENT_UPDATED' : 'AGENT_PUBLISHED';
      yield emit('CUSTOM_AGENTS_LOG', eventType, at, user, {
        agent_id: agentId,
        version_id: version,
        agent_fields: { name: `Agent ${agent}`, prompt: `You help the team with task ${agent % 97}.` },
      });
      continue;
    }
    // A run: its events a few seconds apart, together in the file.
    const runId = `thread_${uuidOf(plan.seed, TAG_EVENT + 1, plan.day, n)}`;
    const common = { agent_id: agentId, version_id: version, run_id: runId };
    let t = at;
    const next = () => (t += 1_000 + Math.floor(draw() * 19_000));
    const runEvent = (eventType: string, details: Fields) =>
      emit('CUSTOM_AGENTS_LOG', eventType, next(), user, { ...common, ...details });
    yield runEvent('AGENT_RUN_CREATED', {
      conversation_id: `conversation-${runId.slice(7, 15)}`,
      invoker: {
        type: 'ACCOUNT_USER',
        initiator: { kind: 'user', id: user.user_id, display_name: user.user_email },
        user_message_text: `Please prepare the ${ACTIONS[agent % ACTIONS.length]} summary for ${pad(agent % 28)}.`,
      },
    });
    const messages = 1 + Math.floor(draw() * 3);
    for (let m = 0; m < messages && n < plan.events; m++)
      yield runEvent('AGENT_RUN_MESSAGE', { message_id: `msg-${m + 1}`, text: `Step ${m + 1}: done.` });
    const calls = Math.floor(draw() * 4);
    for (let c = 0; c < calls && n + 1 < plan.events; c++) {
      const call = {
        tool_call_id: `call-${n.toString(36)}`,
        connector_id: connectors[Math.floor(draw() * connectors.length)]!,
        action_name: ACTIONS[Math.floor(draw() * ACTIONS.length)]!,
        requires_elicitation: draw() < 0.2,
      };
      yield runEvent('CONNECTOR_CALL_REQUESTED', call);
      yield runEvent('CONNECTOR_CALL_COMPLETED', { ...call, status: draw() < 0.97 ? 'success' : 'error' });
    }
    if (draw() < 0.1 && n < plan.events) yield runEvent('MEMORY_READ', { memory_path: '/notes/team.md' });
    if (draw() < 0.1 && n < plan.events) yield runEvent('SKILL_USED', { skill_id: 'skill-1', skill_name: 'crm' });
    if (n < plan.events)
      yield draw() < 0.94
        ? runEvent('AGENT_RUN_COMPLETED', { duration_ms: t - at })
        : runEvent('AGENT_RUN_FAILED', { failure_message: 'failed: the connector timed out' });
  }
}

/** How `events` spread over `days` days ending at `end` (UTC ms): day d holds its share, oldest day first. */
export function dayPlans(seed: number, events: number, days: number, end: number): DayPlan[] {
  return Array.from({ length: days }, (_, day) => ({
    seed,
    day,
    dayStart: end - (days - day) * DAY_MS,
    events: Math.floor(((day + 1) * events) / days) - Math.floor((day * events) / days),
  }));
}
