// Which rows of the action map keep an exposed agent's trifecta open, pure. The action map judges each action
// against the approval policy's categories; the trifecta rule counts every external send left without a human
// gate, categorised or not (web search's "search" has no category: the policy has nothing to say about it, yet
// it is what keeps the trifecta open). Both the map and the "exposed" refusal read the rows marked here, so the
// page never says "OK" for the very action approval is refused for.
import type { Classification } from '@/lib/trifecta/types.ts';
import type { MappedAction } from './action-map.ts';

export function markTrifectaSends(
  actions: MappedAction[],
  c: Pick<Classification, 'effectiveState' | 'sendMitigations'>,
): MappedAction[] {
  if (c.effectiveState !== 'exposed') return actions;
  const open = new Map(c.sendMitigations.filter((m) => !m.mitigated).map((m) => [m.app, m.openActions]));
  return actions.map((a) => {
    const sends = open.get(a.app);
    // '*': the app's sends are not known one by one (an unclassified MCP server, an app with no declared send).
    const keeps =
      sends !== undefined &&
      a.gate !== 'human_required' &&
      (sends.includes('*') || (a.externalSend && sends.includes(a.action)));
    return keeps ? { ...a, keepsTrifectaOpen: true, fix: a.fix ?? sendFix(a.written, a.action) } : a;
  });
}

function sendFix(app: string, action: string): string {
  const what = action === '*' ? 'every tool of this app' : action;
  return (
    `Set user approvals to "always" on the ${app} connector (or remove ` +
    `${what} from its allowed tools, or make the app read-only), then ` +
    `publish the new version for review.`
  );
}
