// The workspace agents the simulated platform can act on (unpublish, delete), each published to begin with. The
// answers' shapes are assumed (../shared/reference/platform-api.md: the agent routes are "likely"); the log events
// follow the sample of a Compliance Logs AGENT_DELETED the platform's API caused (client_id
// ENTERPRISE_COMPLIANCE_API, event_details.agent_id, a reason naming the API).
import type { RouteName } from '@/lib/gpts/platform/definition.ts';
import type { Json } from './source.ts';

export type SimAgent = { id: string; name: string };
export type AgentStatus = 'published' | 'unpublished' | 'deleted';
/** An act's answer, and the log event it causes (none when nothing happened). */
export type ActOutcome = { status: number; body: Json; event?: { logType: string; eventType: string; details: Json } };

export type AgentRegistry = {
  status(id: string): AgentStatus | undefined;
  act(route: RouteName, params: Record<string, string>): ActOutcome;
};

const REASON = 'enterprise_compliance_api';

/** `anyAgent`: an agent id the list lacks is a published agent too (the demo's tenant has every agent it lists). */
export function createAgentRegistry(agents: SimAgent[], options: { anyAgent?: boolean } = {}): AgentRegistry {
  const state = new Map(
    agents.map((a) => [
      a.id,
      { name: a.name as string | null, status: 'published' as AgentStatus, wasPublished: true },
    ]),
  );
  const find = (id: string) => {
    // Its name is not known here: the events it causes carry none, so they never rename the agent.
    if (!state.has(id) && options.anyAgent && id)
      state.set(id, { name: null, status: 'published', wasPublished: true });
    return state.get(id);
  };

  function act(route: RouteName, params: Record<string, string>): ActOutcome {
    const id = params.agent_id ?? '';
    const agent = find(id);
    if (!agent || agent.status === 'deleted') return { status: 404, body: { error: { message: 'no such agent' } } };
    const fields = agent.name === null ? {} : { name: agent.name };
    if (route === 'unpublishAgent') {
      // Unpublishing an unpublished agent changes nothing, but the platform still logs the call it accepted.
      agent.status = 'unpublished';
      return {
        status: 200,
        body: { id, object: 'compliance.workspace.agent', status: 'unpublished' },
        event: {
          logType: 'CUSTOM_AGENTS_LOG',
          eventType: 'AGENT_UNPUBLISHED',
          details: { agent_id: id, unpublish_reason: REASON, agent_fields: fields },
        },
      };
    }
    agent.status = 'deleted';
    return {
      status: 200,
      body: { id, object: 'compliance.workspace.agent.deleted', deleted: true },
      event: {
        logType: 'CUSTOM_AGENTS_LOG',
        eventType: 'AGENT_DELETED',
        details: {
          agent_id: id,
          delete_reason: REASON,
          had_published_version: agent.wasPublished,
          agent_fields: fields,
        },
      },
    };
  }

  return { status: (id) => state.get(id)?.status, act };
}
