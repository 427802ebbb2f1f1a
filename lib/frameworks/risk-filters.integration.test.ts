// The risk filters in SQL (decision 0041): for every risk, the Findings page's query and the Alerts inbox's return
// exactly the rows whose chips show it — findings of an own-risk kind by their kind, the others by their control;
// alerts by their rule's Sigma tags. An id no catalogue holds is no filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRisks } from '@/lib/alerts/risks.ts';
import { parseAlertFilter } from '@/lib/alerts/filter.ts';
import { listAlerts, pageAlerts } from '@/lib/alerts/queries.ts';
import { builtinRules } from '@/lib/detections/builtin.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { parseFindingFilter } from '@/lib/findings/filter.ts';
import { findingsPage } from '@/lib/findings/page-queries.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { riskChoices } from './risk-tags.ts';

const WS = 'risk-filters';
const NOW = new Date('2026-12-01T12:00:00Z');
const FINDINGS: [string, string][] = [
  ['gpt-action-static-key', '3.2'],
  ['gpt-no-use-case', '3.1'],
  ['gpt-shared-beyond-policy', '3.1'],
  ['allow-all', '6.2'],
  ['role-drift', '6.1'],
  ['role-missing', '1.4'],
];
const RULES = [...builtinRules().map((r) => r.id), 'tollgate-platform-action-not-seen'];
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('risk-filters'));
  const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
  await createWorkspace(db, actor, { id: WS, name: 'Risk filters', kind: 'workspace', principal: null });
  await db.finding.createMany({
    data: FINDINGS.map(([kind, control], i) => ({
      workspaceId: WS,
      key: `${kind}:${i}`,
      control,
      kind,
      subjectType: 'workspace',
      subjectId: WS,
      subjectLabel: kind,
      message: kind,
      cause: {},
      dueAt: NOW,
      firstSeenAt: NOW,
      lastSeenAt: NOW,
    })),
  });
  await db.alert.createMany({
    data: RULES.map((ruleId, i) => ({
      workspaceId: WS,
      key: `a-${i}`,
      ruleId,
      title: ruleId,
      severity: 'medium',
      eventIds: [],
      message: ruleId,
      at: new Date(NOW.getTime() + i * 1000),
    })),
  });
});
afterAll(async () => db.$disconnect());

const findings = async (risk?: string) =>
  (await findingsPage(db, WS, parseFindingFilter({ risk }), null, 1, 100, NOW)).rows;
const alerts = async (risk?: string) => (await listAlerts(db, WS, parseAlertFilter({ risk }))).rows;

describe('risk filters', () => {
  it('select exactly the findings and alerts whose chips name the risk', async () => {
    const allFindings = await findings();
    const allAlerts = await alerts();
    expect(allFindings).toHaveLength(FINDINGS.length);
    expect(allAlerts).toHaveLength(RULES.length);
    let selectedSomething = 0;
    for (const risk of riskChoices()) {
      const f = (await findings(risk.id)).map((v) => v.kind).sort();
      expect(f, risk.id).toEqual(
        allFindings
          .filter((v) => v.risks.some((r) => r.id === risk.id))
          .map((v) => v.kind)
          .sort(),
      );
      const a = (await alerts(risk.id)).map((r) => r.ruleId).sort();
      expect(a, risk.id).toEqual(RULES.filter((id) => alertRisks(id).some((r) => r.id === risk.id)).sort());
      // The API's keyset read (Prisma's where) selects the same.
      const paged = await pageAlerts(db, WS, parseAlertFilter({ risk: risk.id }), null, 100);
      expect(paged.map((r) => r.ruleId).sort(), risk.id).toEqual(a);
      if (f.length || a.length) selectedSomething++;
    }
    expect(selectedSomething).toBeGreaterThan(5);
    // ASI02 (tools misused): action control (6.2) and the rules that watch connector calls; not a static key (ASI03).
    expect((await findings('ASI02')).map((v) => v.kind)).toEqual(['allow-all']);
    expect((await alerts('ASI01')).map((r) => r.ruleId)).toEqual(['tollgate-6003-unapproved-write-by-trifecta']);
    // An id no catalogue holds is no filter, as any malformed filter.
    expect(await findings('ASI99')).toHaveLength(FINDINGS.length);
    expect(await alerts('ASI99')).toHaveLength(RULES.length);
  });
});
