import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { indexPlan, recordingDb } from '@/test/explain.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { type AlertFilter, alertFilterSchema } from './filter.ts';
import { ALERT_PAGE_SIZE, alertRules, alertWhere, listAlerts } from './queries.ts';

const WS = 'alerts-list';
const STATUSES = ['open', 'acknowledged', 'resolved', 'false_positive'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const T0 = Date.UTC(2026, 10, 1);
let db: Db;
let url: string;

beforeAll(async () => {
  url = await createTestDatabase('alerts-list');
  db = createDb(url);
  const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
  for (const id of [WS, `${WS}-other`])
    await createWorkspace(db, actor, { id, name: id, kind: 'workspace', principal: null });
  await db.alert.createMany({
    data: Array.from({ length: 260 }, (_, i) => ({
      workspaceId: i % 10 === 9 ? `${WS}-other` : WS,
      key: `a-${i}`,
      ruleId: `rule-${(i * 7) % 5}`,
      title: `Alert ${i}`,
      severity: SEVERITIES[(i * 3) % 4]!,
      agentId: i % 3 ? `agent-${i % 4}` : null,
      eventIds: [`e-${i}`],
      message: 'fired',
      // Times repeat, so the id must break ties.
      at: new Date(T0 + ((i * 37) % 90) * 60_000),
      status: STATUSES[(i * 5) % 4]!,
      assignee: i % 4 === 1 ? 'ana@acme.example' : null,
    })),
  });
});
afterAll(async () => db.$disconnect());

const filter = (f: Record<string, unknown>): AlertFilter => alertFilterSchema.parse(f);

describe('the alert inbox', () => {
  it('lists every filter and page as ordering every matching alert did', async () => {
    const filters = [
      {},
      { status: 'all' },
      { status: 'resolved' },
      { status: 'active', severity: 'high' },
      { status: 'all', rule: 'rule-3', agent: 'agent-1' },
      { assignee: 'ana@acme.example' },
    ];
    for (const raw of filters)
      for (const page of [1, 2, 3, 9]) {
        const f = filter({ ...raw, page });
        const want = await db.alert.findMany({
          where: alertWhere(WS, f),
          orderBy: [{ at: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * ALERT_PAGE_SIZE,
          take: ALERT_PAGE_SIZE,
          select: { id: true },
        });
        const got = await listAlerts(db, WS, f);
        expect(
          got.rows.map((r) => r.id),
          JSON.stringify(f),
        ).toEqual(want.map((r) => r.id));
        expect(got.total).toBe(await db.alert.count({ where: alertWhere(WS, f) }));
      }
  });

  it('offers the rule ids the workspace alerts name, in order', async () => {
    const groups = await db.alert.groupBy({ by: ['ruleId'], where: { workspaceId: WS }, orderBy: { ruleId: 'asc' } });
    expect(await alertRules(db, WS)).toEqual(groups.map((g) => g.ruleId));
    expect(await alertRules(db, 'no-such-workspace')).toEqual([]);
  });

  it("reads a page's ids from an index range per status, in the inbox's order, not a sort of every alert", async () => {
    const { db: recording, sent } = recordingDb(url);
    try {
      for (const raw of [{}, { status: 'all' }]) await listAlerts(recording, WS, filter(raw));
    } finally {
      await recording.$disconnect();
    }
    const pages = sent.filter((s) => s.text.includes('UNION ALL') || /ORDER BY at DESC, id ASC OFFSET/.test(s.text));
    expect(pages).toHaveLength(2);
    for (const statement of pages) {
      const text = await indexPlan(url, statement, 'Alert');
      expect(text).toMatch(/Index (Only )?Scan using "Alert_workspaceId_(status_)?at_id_idx"/);
      // A Merge Append of the ranges, never a Sort node (a Sort's input would be every matching alert).
      expect(text).not.toMatch(/(^|->)\s*Sort\s+\(/m);
    }
  });
});
