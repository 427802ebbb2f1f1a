// A realistic report input for tests: the real catalogue scored by the real scorer, with a mix of statuses,
// an exception whose title carries markup and typography, and two evidence sets.
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { agents, finding, passingFacts, some } from '@/lib/posture/facts.fixture.ts';
import { scorePosture } from '@/lib/posture/score.ts';
import type { ControlDef, PostureFacts } from '@/lib/posture/types.ts';
import type { PackScope, ReportInput } from '@/lib/evidence/types.ts';

export const EXCEPTION_TITLE =
  '<script>alert("x")</script> No EKM in our plan — “accepted” by the CAB, 2 × per year → reviewed';

export function reportFacts(over: Partial<PostureFacts> = {}): PostureFacts {
  return passingFacts({
    firstUseRule: false,
    agents: agents({ exposed: some(2, { label: 'Mail triage', href: '/agents/a1' }) }),
    findings: [finding('allow-all')],
    attestations: new Map([
      ['1.1', { status: 'valid', attestedBy: 'greta@acme.example', expiresAt: new Date('2026-05-01T00:00:00Z') }],
    ]),
    notApplicable: new Map([['2.3', { id: 'e1', title: EXCEPTION_TITLE }]]),
    ...over,
  });
}

export function reportInput(scope: PackScope = { framework: 'all' }, facts = reportFacts()): ReportInput {
  const posture = scorePosture(CATALOGUE.controls as ControlDef[], facts);
  return {
    workspace: { id: 'ws_acme', name: 'Acme Corp' },
    period: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
    scope,
    generator: { name: 'tollgate', version: '0.1.0' },
    posture: {
      at: new Date('2026-03-31T23:55:00Z'),
      source: 'snapshot',
      data: {
        ...posture,
        counts: {
          trifecta: { exposed: 2, mitigated: 1, accepted: 0 },
          alerts: { critical: 0, high: 1, medium: 2, low: 0 },
          exceptionsExpiring: 1,
        },
      },
    },
    asOf: new Date('2026-04-01T00:00:00Z'),
    evidenceSets: [
      {
        title: 'Agent inventory',
        csv: 'evidence/agents.csv',
        json: 'evidence/agents.json',
        rows: 12,
        note: 'State as of the period’s end, with trifecta legs and effective state.',
      },
      {
        title: 'Audit-log extract',
        csv: 'evidence/audit-log.csv',
        json: 'evidence/audit-log.json',
        rows: 1204,
        note: 'Events within the period, with the chain verification below.',
      },
    ],
    auditChain: { ok: true, message: '1,204 events from #1 to #1204 verified; the chain is intact.' },
  };
}
