// The posture of the demo workspace, evaluated from its real records: mixed, every status explained, failing
// records linked; and snapshots stored only when a score moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { CATALOGUE } from './catalogue.ts';
import { evaluatePosture, takeSnapshot } from './snapshot.ts';

let db: Db;
const ws = DEMO_WORKSPACE.id;

beforeAll(async () => {
  const url = await createTestDatabase('posture');
  db = createDb(url);
  await seedDemoWorkspace(db, { url });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('posture of the demo workspace', () => {
  it('evaluates every control of the catalogue, mixed, each with its reasons', async () => {
    const p = await evaluatePosture(db, ws, new Date());
    expect(p.controls.map((c) => c.id)).toEqual(CATALOGUE.controls.map((c) => c.id));
    const statuses = new Set(p.controls.map((c) => c.status));
    expect(statuses.has('pass') || statuses.has('partial')).toBe(true);
    expect(statuses.has('fail') || statuses.has('not_assessed')).toBe(true);
    for (const c of p.controls) expect(c.reasons.length, c.id).toBeGreaterThan(0);
    expect(p.overall).toBeGreaterThan(0);
    expect(p.overall).toBeLessThan(100);
  });

  it('fails 6.4 on the exposed agents, linking each to its page', async () => {
    const c = (await evaluatePosture(db, ws, new Date())).controls.find((x) => x.id === '6.4')!;
    const exposed = await db.agent.count({
      where: { workspaceId: ws, effectiveState: 'exposed', status: { not: 'deleted' } },
    });
    expect(exposed).toBeGreaterThan(0);
    const check = c.checks.find((k) => k.id === 'no-exposed')!;
    expect(check.met).toBe(false);
    expect(check.records.length).toBeGreaterThan(0);
    expect(check.records[0]!.href).toMatch(/^\/agents\//);
  });

  it('passes the 6.5 drill check (the demo drill took 11 min); 6.7 names the unapproved exporter', async () => {
    const p = await evaluatePosture(db, ws, new Date());
    expect(p.controls.find((x) => x.id === '6.5')!.checks.map((k) => [k.id, k.met])).toEqual([
      ['runbook', true],
      ['drill', true],
    ]);
    const reviewed = p.controls.find((x) => x.id === '6.7')!.checks.find((k) => k.id === 'published-reviewed')!;
    expect(reviewed.met).toBe(false);
    expect(reviewed.records.map((r) => r.href)).toContain('/reviews/agent-crm-exporter');
  });

  it('has weeks of history: a daily snapshot for each of the last 42 days, moving with the demo’s story', async () => {
    const daily = await db.postureSnapshot.findMany({
      where: { workspaceId: ws, reason: 'daily' },
      orderBy: { at: 'asc' },
      select: { at: true, overall: true, data: true },
    });
    expect(daily.length).toBeGreaterThanOrEqual(42);
    expect(daily.every((d) => d.at.toISOString().endsWith('T00:05:00.000Z'))).toBe(true);
    const overall = daily.map((d) => d.overall);
    // Attestations and the Purview decision came in over the weeks: the score rose.
    expect(overall.at(-1)!).toBeGreaterThan(overall[0]!);
    // Before the drill (34 days ago) 6.5's drill check failed; after it, it passed.
    const drillMet = (d: (typeof daily)[number]) =>
      (d.data as { controls: { id: string; checks: { id: string; met: boolean }[] }[] }).controls
        .find((c) => c.id === '6.5')!
        .checks.find((c) => c.id === 'drill')!.met;
    expect(drillMet(daily[0]!)).toBe(false);
    expect(drillMet(daily.at(-1)!)).toBe(true);
  });

  it('stores a change snapshot only when a score moved, and a daily one always', async () => {
    const now = new Date();
    await db.postureSnapshot.deleteMany({ where: { workspaceId: ws } });
    const first = await takeSnapshot(db, ws, 'change', now);
    expect(first).not.toBeNull();
    expect(await takeSnapshot(db, ws, 'change', now)).toBeNull();
    expect(await takeSnapshot(db, ws, 'daily', now)).not.toBeNull();
    expect(await db.postureSnapshot.count({ where: { workspaceId: ws } })).toBe(2);
  });
});
