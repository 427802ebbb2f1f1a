// Trifecta classification, pure: exposure from the apps' legs, the effective state, and what would break it.
import { LEGS, type Leg } from '../apps/legs.ts';
import type { AppResolver, ResolvedApp } from '../apps/resolve.ts';
import { appKey } from '../apps/resolve.ts';
import { minimumBreakSets, restrictOptions } from './break.ts';
import { sendMitigation } from './mitigation.ts';
import type { Classification, ConnectorInput, EffectiveState, TrifectaAcceptance } from './types.ts';

export type ClassifyContext = {
  configHash?: string;
  acceptances?: TrifectaAcceptance[];
  now?: Date;
};

export function classifyAgent(connectors: ConnectorInput[], resolveApp: AppResolver, context: ClassifyContext = {}): Classification {
  const seen = new Set<string>();
  const apps: ResolvedApp[] = [];
  const byId = new Map<string, ConnectorInput>();
  for (const connector of connectors) {
    const resolved = resolveApp(connector.app);
    if (resolved.written === '') continue;
    const key = resolved.status === 'known' ? resolved.id : appKey(resolved.written);
    if (seen.has(key)) continue;
    seen.add(key);
    apps.push(resolved);
    byId.set(resolved.id, connector);
  }

  const legs = { private_data: [], untrusted_content: [], external_send: [] } as Record<Leg, string[]>;
  for (const entry of apps) for (const leg of entry.legs) legs[leg].push(entry.id);
  for (const leg of LEGS) legs[leg].sort(compareIds);
  const legCount = LEGS.filter((leg) => legs[leg].length > 0).length;
  const trifecta = legCount === 3;

  const senders = apps.filter((entry) => entry.legs.includes('external_send'));
  const sendMitigations = trifecta ? senders.map((entry) => sendMitigation(entry, byId.get(entry.id)!)) : [];
  const effectiveState = stateOf(trifecta, sendMitigations.every((m) => m.mitigated), context);

  return {
    apps,
    legs,
    legCount,
    trifecta,
    unknownApps: apps.filter((a) => a.status === 'unknown').map((a) => a.id).sort(compareIds),
    unclassifiedMcp: apps.filter((a) => a.status === 'mcp_unclassified').map((a) => a.id).sort(compareIds),
    effectiveState,
    sendMitigations,
    breakSets: trifecta ? minimumBreakSets(legs) : [],
    restrict: trifecta ? restrictOptions(sendMitigations, apps) : [],
  };
}

function stateOf(trifecta: boolean, allSendsMitigated: boolean, context: ClassifyContext): EffectiveState {
  if (!trifecta) return 'none';
  if (allSendsMitigated) return 'mitigated';
  const now = context.now ?? new Date();
  const accepted = context.configHash !== undefined
    && (context.acceptances ?? []).some((a) => a.configHash === context.configHash && a.expiresAt > now);
  return accepted ? 'accepted' : 'exposed';
}

/** Code-point order, so output is the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
