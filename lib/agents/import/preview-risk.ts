// What an import does to risk, pure: each row classified exactly as the commit writes it (catalogue,
// the workspace's observed action control, trifecta exceptions in force), so the preview can say which
// agents would become exposed before anything is written, and the commit counts them the same way.
import { withActionControls, type ControlIndex } from '@/lib/action-control/effect.ts';
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput, EffectiveState, TrifectaAcceptance } from '@/lib/trifecta/types.ts';
import { classificationColumns } from '@/lib/agents/classification-columns.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import type { AgentConfig } from './write.ts';

export type RiskContext = {
  resolveApp: AppResolver;
  controls: ControlIndex;
  /** In-force trifecta exceptions by internal agent id (a new agent has none). */
  acceptances: Map<string, TrifectaAcceptance[]>;
  now: Date;
};

/** One row's risk as the preview shows it: apps as the catalogue names them, what is unknown, the state after. */
export type RowRisk = {
  /** Catalogue names of the apps the catalogue knows, in the export's order. */
  resolved: string[];
  /** Apps the catalogue does not know: they light no leg until someone classifies them. */
  unknownApps: string[];
  /** Custom MCP servers no reviewer has classified: counted as all three legs. */
  unclassifiedMcp: string[];
  state: EffectiveState;
  /** The state today; null for a new agent. */
  before: EffectiveState | null;
  becomesExposed: boolean;
};

/** An agent's configuration and classification columns, as the commit writes them. */
export function classifyConfig(connectors: ConnectorInput[], context: RiskContext, agentId?: string): AgentConfig {
  const hash = configHash(connectors);
  const classification = classifyAgent(
    withActionControls(connectors, context.controls, context.resolveApp),
    context.resolveApp,
    {
      configHash: hash,
      acceptances: agentId === undefined ? [] : context.acceptances.get(agentId),
      now: context.now,
    },
  );
  return { connectors, configHash: hash, ...classificationColumns(classification) };
}

/**
 * An existing agent's state now: the stored one, corrected for an exception that started or lapsed since it
 * was written (the same rule as the inventory's `resolvedState`).
 */
export function stateNow(
  agent: { id: string; effectiveState: string; configHash: string },
  context: RiskContext,
): EffectiveState {
  const stored = agent.effectiveState as EffectiveState;
  if (stored !== 'exposed' && stored !== 'accepted') return stored;
  const accepted = (context.acceptances.get(agent.id) ?? []).some(
    (a) => a.configHash === agent.configHash && a.expiresAt > context.now,
  );
  return accepted ? 'accepted' : 'exposed';
}

/** Exposed after the import and not exposed before it: a trifecta with an open send and no exception. */
export function becomesExposed(after: EffectiveState, before: EffectiveState | null): boolean {
  return after === 'exposed' && before !== 'exposed';
}

export function rowRisk(
  apps: string[],
  config: AgentConfig,
  before: EffectiveState | null,
  resolveApp: AppResolver,
): RowRisk {
  const resolved: string[] = [];
  for (const written of apps) {
    const app = resolveApp(written).app;
    if (app && !resolved.includes(app.name)) resolved.push(app.name);
  }
  return {
    resolved,
    unknownApps: config.unknownApps,
    unclassifiedMcp: config.unclassifiedMcp,
    state: config.effectiveState,
    before,
    becomesExposed: becomesExposed(config.effectiveState, before),
  };
}
