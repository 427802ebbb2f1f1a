// What the observed action control does to an agent's connectors for trifecta classification: read_only
// denies every write; custom denies its denied actions. Workspace-level, so it overrides what the agent's
// own connector data says. custom_mcp_servers covers every `mcp:` server without a control of its own.
// Never part of the configuration hash: the agent's settings did not change, the workspace's did.
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { sendMitigation } from '@/lib/trifecta/mitigation.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { CUSTOM_MCP, isMcpAppId, type ControlSpec } from './types.ts';

export type ControlIndex = Map<string, ControlSpec>;

export function indexControls(controls: ControlSpec[]): ControlIndex {
  return new Map(controls.map((c) => [c.appId, c]));
}

export function controlFor(index: ControlIndex, appId: string): ControlSpec | undefined {
  return index.get(appId) ?? (isMcpAppId(appId) ? index.get(CUSTOM_MCP) : undefined);
}

export function withActionControls(
  connectors: ConnectorInput[],
  index: ControlIndex,
  resolveApp: AppResolver,
): ConnectorInput[] {
  if (index.size === 0) return connectors;
  return connectors.map((connector) => {
    const resolved = resolveApp(connector.app);
    if (resolved.status === 'unknown') return connector;
    const control = controlFor(index, resolved.id);
    if (!control) return connector;
    if (control.mode === 'custom') {
      return {
        ...connector,
        actionControl: 'custom',
        deniedActions: [...new Set([...(connector.deniedActions ?? []), ...control.deniedActions])],
      };
    }
    return { ...connector, actionControl: control.mode };
  });
}

/**
 * Whether a control closes an app's external-send leg on its own (no human gate, every tool allowed):
 * null when the app lights no external-send; false for web search under read_only (its reads send).
 */
export function closesSends(appId: string, control: ControlSpec | undefined, resolveApp: AppResolver): boolean | null {
  const resolved = resolveApp(appId === CUSTOM_MCP ? 'mcp:any-server' : appId);
  if (!resolved.legs.includes('external_send')) return null;
  if (!control) return false;
  const [connector] = withActionControls(
    [{ app: appId === CUSTOM_MCP ? 'mcp:any-server' : appId }],
    indexControls([control]),
    resolveApp,
  );
  return sendMitigation(resolved, connector!).mitigated;
}
