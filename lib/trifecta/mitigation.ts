// Whether one app that lights external-send is mitigated on this agent: every external-send action
// is unavailable (read-only denies writes; not in allowed tools; denied by action control) or gated.
import type { ResolvedApp } from '@/lib/apps/resolve.ts';
import type { ConnectorInput, SendMitigation } from './types.ts';

export function sendMitigation(entry: ResolvedApp, connector: ConnectorInput): SendMitigation {
  const gated = connector.approvals === 'always';
  if (entry.app === null) {
    // A custom MCP server's actions are unknown: only a human gate on every call mitigates it.
    return gated
      ? { app: entry.id, mitigated: true, openActions: [], reason: 'every call needs human approval' }
      : {
          app: entry.id,
          mitigated: false,
          openActions: ['*'],
          reason: 'unclassified MCP server without a human gate on every call',
        };
  }
  const sends = entry.app.actions.filter((a) => a.externalSend);
  if (sends.length === 0) {
    return gated
      ? { app: entry.id, mitigated: true, openActions: [], reason: 'every action needs human approval' }
      : {
          app: entry.id,
          mitigated: false,
          openActions: ['*'],
          reason: 'the catalogue declares no external-send action for this app',
        };
  }
  const open = sends
    .filter((action) => !gated && isAvailable(action.name, action.access, connector))
    .map((a) => a.name);
  if (open.length > 0)
    return { app: entry.id, mitigated: false, openActions: open, reason: `can ${open.join(', ')} without a human` };
  return {
    app: entry.id,
    mitigated: true,
    openActions: [],
    reason: gated ? 'every action needs human approval' : 'every external-send action is denied',
  };
}

/**
 * Whether the agent can take this action at all: not denied by read-only or custom action control, and in its allowed
 * tools.
 */
export function isAvailable(name: string, access: 'read' | 'write', connector: ConnectorInput): boolean {
  if (connector.actionControl === 'read_only' && access === 'write') return false;
  if (connector.allowedTools != null && !connector.allowedTools.includes(name)) return false;
  if (connector.deniedActions?.includes(name)) return false;
  return true;
}
