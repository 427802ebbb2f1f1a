import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageSlice, sortRows } from '@/components/data-table/url-state.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { indexPlan, recordingDb } from '@/test/explain.ts';
import type { FindingFilter } from './filter.ts';
import { findingCounts, findingsPage } from './page-queries.ts';
import { type FindingView, listFindings } from './queries.ts';

const WS = 'findings-page';
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const KINDS = ['role-drift', 'shared-connections', 'action-custom', 'allow-all', 'direct-assignment'];
const CONTROLS = ['1.4', '3.2', '6.1', '6.2'];
let db: Db;
let url: string;

beforeAll(async () => {
  url = await createTestDatabase('findings-page');
  db = createDb(url);
  const actor = { id: null, label: 'admin@acme.example', role: 'admin' };
  await createWorkspace(db, actor, { id: WS, name: 'Findings page', kind: 'workspace', principal: null });
  await db.finding.createMany({
    data: Array.from({ length: 140 }, (_, i) => ({
      workspaceId: WS,
      key: `k-${String((i * 53) % 140).padStart(3, '0')}`,
      control: CONTROLS[i % 4]!,
      kind: KINDS[i % 5]!,
      subjectType: 'member',
      subjectId: i % 5 === 2 ? `app-${i % 3}` : `m-${i}`,
      subjectLabel: `Person${i % 7}@Acme.example`,
      message: `finding ${i}`,
      cause: i % 5 === 2 ? { observed: i % 2 ? 'custom' : 'read_only' } : {},
      status: i % 6 === 5 ? 'resolved' : 'open',
      owner: i % 4 === 0 ? null : `owner${i % 3}@acme.example`,
      // Due dates repeat, so the key must break ties.
      dueAt: new Date(NOW.getTime() + ((i % 9) - 4) * DAY),
      firstSeenAt: NOW,
      lastSeenAt: NOW,
    })),
  });
  const exception = (scopeKind: string, scope: object, findingKeys: string[], reviewAt: Date) => ({
    workspaceId: WS,
    title: scopeKind,
    businessCase: 'tested',
    scopeKind,
    scope,
    findingKeys,
    status: 'approved',
    requestedBy: 'olga@acme.example',
    requestedAt: NOW,
    reviewAt,
  });
  const later = new Date(NOW.getTime() + 30 * DAY);
  await db.exception.createMany({
    data: [
      exception('role_bit', { bit: 'use_agents', people: [] }, ['k-001', 'k-017', 'k-090', 'k-133'], later),
      exception(
        'role_bit',
        { bit: 'publish_agents_with_shared_connections', people: ['person1@acme.example'] },
        [],
        later,
      ),
      exception('action_control', { appId: 'app-1', mode: 'custom' }, [], later),
      exception('role_bit', { bit: 'use_agents', people: [] }, ['k-002', 'k-003'], NOW),
    ],
  });
});
afterAll(async () => db.$disconnect());

/** What the page showed before: every finding listed, sorted and sliced in memory. */
async function inMemory(f: FindingFilter, sort: { key: string; dir: 'asc' | 'desc' } | null, page: number) {
  const listed = await listFindings(db, WS, f, NOW);
  // Sorted by a column, ties keep open and excepted together by due date (excepted is derived, not in the SQL order).
  const stored = (v: FindingView) => (v.status === 'resolved' ? 1 : 0);
  const rows =
    sort && sort.key !== 'status'
      ? [...listed].sort((a, b) => stored(a) - stored(b) || +a.due - +b.due || (a.key < b.key ? -1 : 1))
      : listed;
  const sorted = sortRows(rows, sort, (v: FindingView, key) =>
    key === 'due' ? v.due : v[key as 'control' | 'owner' | 'status'],
  );
  const view = pageSlice(sorted, page, 20);
  return { ids: view.rows.map((r) => r.id), total: view.total, page: view.page, pages: view.pages };
}

const FILTERS: FindingFilter[] = [
  { status: 'current' },
  { status: 'open' },
  { status: 'excepted' },
  { status: 'resolved' },
  { status: 'all' },
  { status: 'current', overdue: '1' },
  { status: 'all', owner: 'unassigned' },
  { status: 'all', control: '6.1' },
];
const SORTS = [
  null,
  { key: 'status', dir: 'asc' as const },
  { key: 'status', dir: 'desc' as const },
  { key: 'due', dir: 'desc' as const },
  { key: 'owner', dir: 'asc' as const },
  { key: 'control', dir: 'asc' as const },
];

describe('the Findings page read in SQL', () => {
  it('shows every filter, sort and page as listing every finding did', async () => {
    const { excepted } = await findingCounts(db, WS, NOW);
    expect(excepted).toBeGreaterThan(4); // keys, people and an app all except some; the expired one none
    for (const f of FILTERS)
      for (const sort of SORTS)
        for (const page of [1, 3, 99]) {
          const want = await inMemory(f, sort, page);
          const got = await findingsPage(db, WS, f, sort, page, 20, NOW);
          expect({ ids: got.rows.map((r) => r.id), total: got.total, page: got.page, pages: got.pages }).toEqual(want);
        }
  });

  it('counts open, overdue, unassigned, excepted and open by control as listing every finding did', async () => {
    const all = await listFindings(db, WS, { status: 'current' }, NOW);
    const open = all.filter((v) => v.status === 'open');
    const byControl = CONTROLS.map((control) => ({ control, open: open.filter((v) => v.control === control).length }));
    expect(await findingCounts(db, WS, NOW)).toEqual({
      open: open.length,
      overdue: open.filter((v) => v.overdue).length,
      excepted: all.length - open.length,
      unassigned: open.filter((v) => v.owner === null).length,
      byControl: byControl.filter((b) => b.open > 0),
    });
  });

  it("reads the default view's page from the (workspace, status, due, key) index, no sort", async () => {
    const { db: recording, sent } = recordingDb(url);
    try {
      await findingsPage(recording, WS, { status: 'current' }, null, 2, 20, NOW);
    } finally {
      await recording.$disconnect();
    }
    const reads = sent.filter((s) => /^SELECT .* FROM "public"\."Finding" .*ORDER BY .*"dueAt"/.test(s.text));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      const text = await indexPlan(url, read, 'Finding');
      expect(text).toMatch(/Index Scan using "Finding_workspaceId_status_dueAt_key_idx"/);
      expect(text).not.toMatch(/(^|->)\s*Sort\s+\(/m);
    }
  });
});
