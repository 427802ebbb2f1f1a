// The action map of an agent (guide 6.03), pure: every action it can take through its connectors — from
// their allowed tools, the catalogue's actions and the workspace's action control — with its gate, checked
// against the approval policy. A required category without a human gate is a violation, with its fix.
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { isAvailable } from '@/lib/trifecta/mitigation.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import type { ApprovalPolicyData } from './policy.ts';

/** human_required: the agent asks a person first; logged: the policy accepts a logged action; none: neither. */
export type Gate = 'human_required' | 'logged' | 'none';

export type MappedAction = {
  app: string;
  /** The app as the agent's configuration writes it. */
  written: string;
  /** The action's name; '*' for a custom MCP server or an unknown app, whose tools are not known. */
  action: string;
  access: 'read' | 'write' | 'unknown';
  externalSend: boolean;
  category: string | null;
  gate: Gate;
  /** The category is required by the policy and the action has no human gate. */
  violation: boolean;
  /** An external send without a human gate on an exposed agent: it keeps the trifecta open (trifecta-sends.ts). */
  keepsTrifectaOpen?: boolean;
  fix: string | null;
};

/** The catalogue's category for a custom MCP server's tools (the guide gates their first invocation). */
export const MCP_CATEGORY = 'mcp_first_invocation_of_tool';

/**
 * The platform's user_approvals: only 'always' asks a person; 'never' and values Tollgate does not know count as
 * ungated.
 */
export function gateOf(
  connector: ConnectorInput,
  action: { name: string; category: string | null },
  policy: ApprovalPolicyData,
): Gate {
  if (connector.approvals === 'always') return 'human_required';
  if (policy.logged.includes(action.name) || (action.category !== null && policy.logged.includes(action.category)))
    return 'logged';
  return 'none';
}

export function actionMap(
  connectors: ConnectorInput[],
  resolveApp: AppResolver,
  policy: ApprovalPolicyData,
): MappedAction[] {
  const required = new Set(policy.required);
  const out: MappedAction[] = [];
  const seen = new Set<string>();
  for (const connector of connectors) {
    const resolved = resolveApp(connector.app);
    if (seen.has(resolved.id)) continue;
    seen.add(resolved.id);
    const push = (action: string, access: MappedAction['access'], externalSend: boolean, category: string | null) => {
      const gate = gateOf(connector, { name: action, category }, policy);
      const violation = category !== null && required.has(category) && gate !== 'human_required';
      out.push({
        app: resolved.id,
        written: connector.app,
        action,
        access,
        externalSend,
        category,
        gate,
        violation,
        fix: violation ? fixFor(connector.app, action) : null,
      });
    };
    if (resolved.app === null) {
      // A custom MCP server (or an app nobody classified): its tools are unknown, so one entry stands for all.
      push(
        '*',
        'unknown',
        resolved.status === 'mcp_unclassified',
        resolved.status === 'mcp_unclassified' ? MCP_CATEGORY : null,
      );
      continue;
    }
    for (const a of resolved.app.actions) {
      if (!isAvailable(a.name, a.access, connector)) continue;
      push(a.name, a.access, a.externalSend, a.approvalCategory);
    }
  }
  return out;
}

function fixFor(app: string, action: string): string {
  const what = action === '*' ? 'every tool of this MCP server' : action;
  return (
    `In the agent builder, set user approvals to "always" on the ${app} ` +
    `connector (or remove ${what} from its allowed tools), then publish the ` +
    `new version for review.`
  );
}
