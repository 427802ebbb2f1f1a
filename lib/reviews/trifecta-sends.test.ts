// Item 17: the action map and the "exposed" refusal judge an ungated send by one rule. Web search's "search"
// sends outside with no policy category: the map used to say "OK" for it while approval was refused for it.
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { classifyAgent } from '@/lib/trifecta/classify.ts';
import type { ConnectorInput } from '@/lib/trifecta/types.ts';
import { actionMap } from './action-map.ts';
import { GUIDE_POLICY } from './policy.ts';
import { approvalRefusals, type ApprovalContext } from './refusals.ts';
import { markTrifectaSends } from './trifecta-sends.ts';

const resolve = createAppResolver(builtinCatalogue('guide'));
const mapOf = (connectors: ConnectorInput[]) =>
  markTrifectaSends(actionMap(connectors, resolve, GUIDE_POLICY), classifyAgent(connectors, resolve));
const refusalsOf = (connectors: ConnectorInput[]) => {
  const c = classifyAgent(connectors, resolve);
  const ctx: ApprovalContext = {
    actions: mapOf(connectors),
    excusedCategories: [],
    workspaceSteps: [],
    agentSteps: [],
    confirmedSteps: [],
    effectiveState: c.effectiveState,
    ownerEmail: 'owner@acme.example',
    reviewer: { id: 'r', email: 'r@acme.example' },
    priorApprovals: [],
  };
  return approvalRefusals(ctx);
};
// The demo's "RFP drafter": private data from Drive, untrusted content and an ungated send from web search.
const rfp: ConnectorInput[] = [{ app: 'Google Drive' }, { app: 'Google Docs' }, { app: 'Web Search' }];

describe('markTrifectaSends', () => {
  it('marks the ungated web-search send that keeps an exposed agent open, and nothing else', () => {
    const map = mapOf(rfp);
    const search = map.find((a) => a.app === 'web-search' && a.action === 'search')!;
    expect(search).toMatchObject({ category: null, violation: false, keepsTrifectaOpen: true });
    expect(search.fix).toMatch(/user approvals to "always" on the Web Search connector/);
    expect(map.filter((a) => a.keepsTrifectaOpen).map((a) => `${a.app}/${a.action}`)).toEqual(['web-search/search']);
  });

  it('names in the refusal exactly the rows the map marks', () => {
    const exposed = refusalsOf(rfp).find((r) => r.code === 'exposed')!;
    expect(exposed.message).toContain('through Web Search: search, with no human approval');
    const marked = mapOf(rfp).filter((a) => a.keepsTrifectaOpen || a.violation);
    expect(marked.length).toBeGreaterThan(0);
  });

  it('marks nothing once the send is gated, and then nothing is refused for the trifecta', () => {
    const gated = rfp.map((c) => (c.app === 'Web Search' ? { ...c, approvals: 'always' } : c));
    expect(mapOf(gated).some((a) => a.keepsTrifectaOpen)).toBe(false);
    expect(refusalsOf(gated).map((r) => r.code)).not.toContain('exposed');
  });

  it('leaves a send closed by action control out of the map and out of the refusal', () => {
    // github's sends denied by custom action control; slack still posts: only slack's sends are named.
    const agent: ConnectorInput[] = [
      { app: 'GitHub', actionControl: 'custom', deniedActions: ['push', 'merge', 'release', 'comment'] },
      { app: 'Slack' },
    ];
    const marked = mapOf(agent)
      .filter((a) => a.keepsTrifectaOpen)
      .map((a) => a.app);
    expect(new Set(marked)).toEqual(new Set(['slack']));
  });
});
