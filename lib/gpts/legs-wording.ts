// The shared classifier speaks of apps, allowed tools and approval settings; a GPT's sending parts have other
// levers. This rewrites, for a GPT's own parts only, why a send path is open or closed and what would close it:
// an action is closed by marking its operations consequential (ChatGPT then asks the user), an unreadable
// action by a reviewer classifying it, and web browsing or a reviewed unreadable action only by removing it
// (which "what would break it" already offers). Apps keep the agents' wording: the same action control gates them.
import type { Classification, RestrictOption, SendMitigation } from '@/lib/trifecta/types.ts';

export type GptSendPart = 'browsing' | 'action' | 'unknown_action' | 'reviewed_action';

export function applyGptWording<T extends Classification>(c: T, partOf: (id: string) => GptSendPart | null): T {
  const sendMitigations = c.sendMitigations.map((m) => reword(m, partOf(m.app)));
  const restrict: RestrictOption[] = [];
  for (const option of c.restrict) {
    const kind = partOf(option.app);
    if (kind === 'browsing' || kind === 'reviewed_action') continue;
    if (kind === 'unknown_action') restrict.push({ app: option.app, fix: 'classify', actions: [] });
    else if (kind === 'action') {
      const open = sendMitigations.find((m) => m.app === option.app)?.openActions ?? option.actions;
      restrict.push({ app: option.app, fix: 'gate', actions: open });
    } else restrict.push(option);
  }
  return { ...c, sendMitigations, restrict };
}

function reword(m: SendMitigation, kind: GptSendPart | null): SendMitigation {
  if (kind === 'browsing')
    return {
      ...m,
      mitigated: false,
      openActions: ['browse'],
      reason: 'web browsing cannot be gated; only turning it off closes it',
    };
  if (kind === 'unknown_action')
    return {
      ...m,
      mitigated: false,
      openActions: ['*'],
      reason: 'its OpenAPI schema could not be read: a reviewer must classify it',
    };
  if (kind === 'reviewed_action')
    return {
      ...m,
      mitigated: false,
      openActions: ['*'],
      reason: 'a reviewer classified it as sending, and its unreadable schema shows no consequential operation',
    };
  if (kind !== 'action') return m;
  if (m.mitigated)
    return { ...m, reason: 'ChatGPT asks the user before every call (every operation is consequential)' };
  return { ...m, reason: `ChatGPT calls ${m.openActions.join(', ')} without asking the user` };
}
