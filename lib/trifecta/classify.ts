// Trifecta classification, pure: exposure from the apps' legs, the effective state, and what would break it.
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import type { AppResolver, ResolvedApp } from '@/lib/apps/resolve.ts';
import { appKey } from '@/lib/apps/resolve.ts';
import { minimumBreakSets, restrictOptions } from './break.ts';
import { sendMitigation } from './mitigation.ts';
import type { Classification, ConnectorInput, EffectiveState, Exposure, TrifectaAcceptance } from './types.ts';

export type ClassifyContext = {
  configHash?: string;
  acceptances?: TrifectaAcceptance[];
  now?: Date;
};

export function classifyAgent(
  connectors: ConnectorInput[],
  resolveApp: AppResolver,
  context: ClassifyContext = {},
): Classification {
  const byId = new Map<string, ConnectorInput>();
  const exposure = exposureOf(
    connectors.map((c) => c.app),
    resolveApp,
    (app, i) => byId.set(app.id, connectors[i]!),
  );
  const { apps, legs, trifecta } = exposure;
  const senders = apps.filter((entry) => entry.legs.includes('external_send'));
  const sendMitigations = trifecta ? senders.map((entry) => sendMitigation(entry, byId.get(entry.id)!)) : [];
  return {
    ...exposure,
    effectiveState: stateOf(
      trifecta,
      sendMitigations.every((m) => m.mitigated),
      context,
    ),
    sendMitigations,
    breakSets: trifecta ? minimumBreakSets(legs) : [],
    restrict: trifecta ? restrictOptions(sendMitigations, apps) : [],
  };
}

/** The legs the written apps give: duplicates (after folding) and blanks count once. */
export function exposureOf(
  written: string[],
  resolveApp: AppResolver,
  onApp?: (app: ResolvedApp, index: number) => void,
): Exposure {
  const seen = new Set<string>();
  const apps: ResolvedApp[] = [];
  written.forEach((name, index) => {
    const resolved = resolveApp(name);
    if (resolved.written === '') return;
    const key = resolved.status === 'known' ? resolved.id : appKey(resolved.written);
    if (seen.has(key)) return;
    seen.add(key);
    apps.push(resolved);
    onApp?.(resolved, index);
  });

  const legs = { private_data: [], untrusted_content: [], external_send: [] } as Record<Leg, string[]>;
  for (const entry of apps) for (const leg of entry.legs) legs[leg].push(entry.id);
  for (const leg of LEGS) legs[leg].sort(compareIds);
  const legCount = LEGS.filter((leg) => legs[leg].length > 0).length;
  return {
    apps,
    legs,
    legCount,
    trifecta: legCount === 3,
    unknownApps: apps
      .filter((a) => a.status === 'unknown')
      .map((a) => a.id)
      .sort(compareIds),
    unclassifiedMcp: apps
      .filter((a) => a.status === 'mcp_unclassified')
      .map((a) => a.id)
      .sort(compareIds),
  };
}

function stateOf(trifecta: boolean, allSendsMitigated: boolean, context: ClassifyContext): EffectiveState {
  if (!trifecta) return 'none';
  if (allSendsMitigated) return 'mitigated';
  const now = context.now ?? new Date();
  const accepted =
    context.configHash !== undefined &&
    (context.acceptances ?? []).some((a) => a.configHash === context.configHash && a.expiresAt > now);
  return accepted ? 'accepted' : 'exposed';
}

/** Code-point order, so output is the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
