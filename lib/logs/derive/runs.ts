// Agent runs as their events tell them, pure: each run with its invoker, outcome and duration, and the
// connector calls, memory operations and skills used within it (the agent page's "last runs").
import { compareEvents } from '@/lib/logs/event.ts';
import type { AgentEvent } from './agent-state.ts';

export type ConnectorCall = {
  toolCallId: string;
  connectorId: string | null;
  action: string | null;
  requiresElicitation: boolean | null;
  elicitationType: string | null;
  status: string | null;
  requestedAt: string | null;
  completedAt: string | null;
};

export type Run = {
  runId: string;
  agentId: string;
  versionId: string | null;
  invoker: { type: string | null; kind: string | null; id: string | null; name: string | null };
  sharedInvocation: boolean;
  status: 'running' | 'completed' | 'failed';
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  failure: string | null;
  messages: number;
  calls: ConnectorCall[];
  memory: { op: string; path: string | null; at: string }[];
  skills: { id: string | null; name: string | null; at: string }[];
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Every run among one agent's events, newest first. */
export function foldRuns(agentId: string, events: AgentEvent[]): Run[] {
  const runs = new Map<string, Run>();
  for (const e of [...events].sort(compareEvents)) {
    const d = (e.record.event_details ?? {}) as Record<string, unknown>;
    const runId = str(d.run_id);
    if (runId === null) continue;
    let run = runs.get(runId);
    if (!run) {
      run = {
        runId,
        agentId,
        versionId: str(d.version_id),
        invoker: { type: null, kind: null, id: null, name: null },
        sharedInvocation: false,
        status: 'running',
        startedAt: null,
        endedAt: null,
        durationMs: null,
        failure: null,
        messages: 0,
        calls: [],
        memory: [],
        skills: [],
      };
      runs.set(runId, run);
    }
    apply(run, e, d);
  }
  return [...runs.values()].sort((a, b) =>
    (b.startedAt ?? '') < (a.startedAt ?? '') ? -1 : (b.startedAt ?? '') > (a.startedAt ?? '') ? 1 : 0,
  );
}

function apply(run: Run, e: AgentEvent, d: Record<string, unknown>) {
  switch (e.eventType) {
    case 'AGENT_RUN_CREATED': {
      const invoker = (d.invoker ?? {}) as Record<string, unknown>;
      const initiator = (invoker.initiator ?? {}) as Record<string, unknown>;
      run.invoker = {
        type: str(invoker.type),
        kind: str(initiator.kind),
        id: str(initiator.id),
        name: str(initiator.display_name),
      };
      run.sharedInvocation = invoker.is_shared_invocation === true;
      run.startedAt = e.timestamp;
      break;
    }
    case 'AGENT_RUN_MESSAGE':
      run.messages++;
      break;
    case 'AGENT_RUN_COMPLETED':
    case 'AGENT_RUN_FAILED':
      run.status = e.eventType === 'AGENT_RUN_FAILED' ? 'failed' : 'completed';
      run.endedAt = e.timestamp;
      run.failure = str(d.failure_message);
      if (run.startedAt) run.durationMs = Math.round(Date.parse(e.timestamp) - Date.parse(run.startedAt));
      break;
    case 'CONNECTOR_CALL_REQUESTED':
    case 'CONNECTOR_CALL_COMPLETED': {
      const id = str(d.tool_call_id) ?? e.eventId;
      let call = run.calls.find((c) => c.toolCallId === id);
      if (!call) {
        call = {
          toolCallId: id,
          connectorId: null,
          action: null,
          requiresElicitation: null,
          elicitationType: null,
          status: null,
          requestedAt: null,
          completedAt: null,
        };
        run.calls.push(call);
      }
      call.connectorId ??= str(d.connector_id);
      call.action ??= str(d.action_name);
      if (e.eventType === 'CONNECTOR_CALL_REQUESTED') {
        call.requestedAt = e.timestamp;
        call.requiresElicitation = typeof d.requires_elicitation === 'boolean' ? d.requires_elicitation : null;
        call.elicitationType = str(d.elicitation_type);
      } else {
        call.completedAt = e.timestamp;
        call.status = str(d.status);
      }
      break;
    }
    case 'MEMORY_READ':
    case 'MEMORY_WRITE':
    case 'MEMORY_DELETE':
      run.memory.push({
        op: e.eventType.slice('MEMORY_'.length).toLowerCase(),
        path: str(d.memory_path),
        at: e.timestamp,
      });
      break;
    case 'SKILL_USED':
      run.skills.push({ id: str(d.skill_id), name: str(d.skill_name), at: e.timestamp });
      break;
    default:
      break;
  }
}
