// An agent as the platform's own feed tells it, pure: its lifecycle events read by the puller, folded in event order
// (lib/logs/derive/agent-state.ts), with the last configuration of that fold that the publish review approved. A
// response policy acts only when this view agrees with the inventory, so an uploaded file can never trigger one.
import { configHash } from '@/lib/agents/config-hash.ts';
import { compareEvents } from '@/lib/logs/event.ts';
import {
  type AgentEvent,
  type AgentStatus,
  applyAgentEvent,
  type ObservedAgent,
  type ObservedConnector,
} from '@/lib/logs/derive/agent-state.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';

export type PlatformView = {
  status: AgentStatus;
  /** The configuration hash of its current connectors, as the inventory computes it. */
  currentHash: string;
  /** The configuration hash of its last AGENT_PUBLISHED; null when never published. */
  publishedHash: string | null;
  /** The connectors of the newest configuration in the fold that has an approval; null when none had. */
  approvedConnectors: ConnectorInput[] | null;
};

export function connectorInputs(connectors: readonly ObservedConnector[]): ConnectorInput[] {
  return connectors.map((c) => ({
    app: c.app,
    allowedTools: c.allowedTools,
    approvals: c.approvals,
    authVariant: c.authVariant,
  }));
}

/** Null when none of the events configures the agent. */
export function platformView(
  agentId: string,
  events: readonly AgentEvent[],
  approvedHashes: ReadonlySet<string>,
): PlatformView | null {
  let agent: ObservedAgent | null = null;
  let approvedConnectors: ConnectorInput[] | null = null;
  for (const e of [...events].sort(compareEvents)) {
    agent = applyAgentEvent(agent, agentId, e);
    if (!agent) continue;
    const current = connectorInputs(agent.connectors);
    if (approvedHashes.has(configHash(current))) approvedConnectors = current;
  }
  if (!agent) return null;
  return {
    status: agent.status,
    currentHash: configHash(connectorInputs(agent.connectors)),
    publishedHash: agent.publishedConnectors ? configHash(connectorInputs(agent.publishedConnectors)) : null,
    approvedConnectors,
  };
}
