// Facts for posture unit tests: every automated control passes; each test changes what it is about.
import type { AgentFacts, EvidenceRecord, FindingFact, PostureFacts } from './types.ts';

export const now = new Date('2026-11-23T12:00:00Z');
export const DAY = 86_400_000;
const none = { count: 0, sample: [] };
/**
 * One published agent, gated, approved and not exposed; `over` puts it (or more) in a state (the fleet at least as
 * large as its exposed).
 */
export const agents = (over: Partial<AgentFacts> = {}): AgentFacts => ({
  total: Math.max(1, over.exposed?.count ?? 0),
  published: 1,
  exposed: none,
  ungated: none,
  unapproved: none,
  ...over,
});
export const some = (n: number, ...sample: EvidenceRecord[]) => ({ count: n, sample });
export const finding = (kind: string, status: FindingFact['status'] = 'open'): FindingFact => ({
  key: `${kind}:x`,
  kind,
  control: '6.1',
  status,
  label: 'x',
  href: null,
  message: 'm',
});

/** Facts where every automated control passes. */
export function passingFacts(over: Partial<PostureFacts> = {}): PostureFacts {
  return {
    now,
    findings: [],
    scim: { activeTokens: 1, activeMembers: 3, scimMembers: 3, notFromScim: [] },
    agents: agents(),
    fleets: { apps: 4, admins: 2 },
    firstUseRule: true,
    runbook: { configured: true, missing: [] },
    lastDrill: { at: new Date(now.getTime() - 10 * DAY), minutes: 9, href: '/suspensions/s1' },
    logs: { configured: true, types: [{ logType: 'CUSTOM_AGENTS_LOG', status: 'live' }] },
    checklist: [1, 2, 3, 4, 5, 6].map((step) => ({ step, title: `s${step}`, status: 'signed' as const })),
    attestations: new Map(),
    notApplicable: new Map(),
    ...over,
  };
}
