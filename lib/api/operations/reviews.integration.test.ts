// The review-decision, register and posture operations on the demo workspace, through the route handler: filters,
// paging that neither repeats nor skips under a concurrent decision, scope 404s, the register's rows as its CSV
// export reads them, and the posture as `tollgate posture --json` prints it (the AI-governance frameworks included).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postureCommand } from '@/cli/posture.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { FRAMEWORK_KEYS, FRAMEWORK_LABELS, frameworkCatalogue } from '@/lib/frameworks/catalogues.ts';
import { evaluatePosture, takeSnapshot } from '@/lib/posture/snapshot.ts';
import { decide } from '@/lib/reviews/decisions.ts';
import { registerForExport } from '@/lib/reviews/register.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

const WS = DEMO_WORKSPACE.id;
const rita = { id: null, label: 'rita.reviewer@example.com', role: 'reviewer', email: 'rita.reviewer@example.com' };
let db: Db;
let token: string;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apireviews');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await seedDemoWorkspace(db, { url: process.env.DATABASE_URL });
  await createWorkspace(
    db,
    { id: null, label: 'test', role: 'admin' },
    { id: 'ws-other', name: 'Other', kind: 'workspace', principal: null },
  );
  await loadApi();
  token = (await makeToken(db, 'auditor', null)).token;
}, 240_000);
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

type Json = Record<string, unknown> & { data: Record<string, unknown>[]; next_cursor: string | null };
const get = async (path: string, as = token) => {
  const answer = await api('GET', path, { token: as });
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  return answer.json as Json;
};

/** Every item of a list, page by page; `between` runs after the first page (a concurrent write). */
async function walk(path: string, between?: () => Promise<unknown>) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: Json = await get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.data);
    if (!cursor) await between?.();
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/** A rejection of the agent's configuration, through the Reviews page's service. */
async function reject(externalId: string) {
  const agent = await db.agent.findUniqueOrThrow({
    where: { workspaceId_externalId: { workspaceId: WS, externalId } },
  });
  const last = await db.reviewDecision.findFirst({
    where: { agentId: agent.id, configHash: agent.configHash },
    orderBy: { sequence: 'desc' },
  });
  const input = {
    decision: 'reject' as const,
    reason: 'Not yet.',
    sequence: (last?.sequence ?? 0) + 1,
    confirmedSteps: [],
  };
  return decide(db, rita, WS, externalId, input);
}

describe('review decisions', () => {
  it('pages through every decision, newest first, once, while another decision lands', async () => {
    const agents = await db.agent.findMany({ where: { workspaceId: WS, status: { not: 'deleted' } }, take: 3 });
    for (const a of agents.slice(0, 2)) await reject(a.externalId);
    const before = await db.reviewDecision.findMany({
      where: { workspaceId: WS },
      orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
    });
    expect(before.length).toBeGreaterThan(3);
    const seen = await walk(`/review-decisions?ws=${WS}&limit=1`, () => reject(agents[2]!.externalId));
    expect(seen.map((d) => d.id)).toEqual(before.map((d) => d.id));
    expect(seen[0]).toMatchObject({ decision: 'reject', reviewer: rita.label, reason: 'Not yet.' });
    expect(seen[0]).toMatchObject({ agent_id: agents[1]!.externalId, kind: agents[1]!.kind });
  });

  it('filters by decision, agent, reviewer and UTC day, and refuses an unknown value', async () => {
    const rejects = await db.reviewDecision.count({ where: { workspaceId: WS, decision: 'reject' } });
    const byDecision = await get(`/review-decisions?ws=${WS}&decision=reject`);
    expect(byDecision.data).toHaveLength(rejects);
    expect(new Set(byDecision.data.map((d) => d.decision))).toEqual(new Set(['reject']));
    const digest = await get(`/review-decisions?ws=${WS}&agent=agent-pipeline-digest`);
    expect(digest.data.map((d) => d.agent_id)).toEqual(['agent-pipeline-digest']);
    expect((await get(`/review-decisions?ws=${WS}&reviewer=${rita.label}`)).data).toHaveLength(rejects);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const older = await get(`/review-decisions?ws=${WS}&to=${yesterday}`);
    expect(older.data.map((d) => d.reviewer).sort()).toEqual(['hana.sato@acme.example', 'nora.walsh@acme.example']);
    const bad = await api('GET', `/review-decisions?ws=${WS}&decision=maybe`, { token });
    expect(bad.status).toBe(400);
    expect((bad.json!.errors as { field: string }[]).map((e) => e.field)).toEqual(['query.decision']);
    const forged = await api(
      'GET',
      `/review-decisions?ws=${WS}&cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
      {
        token,
      },
    );
    expect(forged.status).toBe(400);
  });

  it('shows one decision as the list does, and another workspace’s as not found', async () => {
    const [first] = (await get(`/review-decisions?ws=${WS}&limit=1`)).data;
    expect(await get(`/review-decisions/${first!.id}?ws=${WS}`)).toEqual(first);
    const foreign = await db.reviewDecision.create({
      data: {
        ...{ workspaceId: 'ws-other', agentId: 'x', configHash: 'h', sequence: 1, decision: 'approve' },
        ...{ reason: 'r', reviewerLabel: 'someone', decidedAt: new Date() },
      },
    });
    expect((await api('GET', `/review-decisions/${foreign.id}?ws=${WS}`, { token })).status).toBe(404);
    const other = (await makeToken(db, 'auditor', 'ws-other')).token;
    expect((await api('GET', `/review-decisions/${first!.id}?ws=${WS}`, { token: other })).status).toBe(404);
    expect((await api('GET', `/review-decisions/${first!.id}`, { token: other })).status).toBe(404);
  });
});

describe('the register', () => {
  it('answers the rows of the register CSV, with its filters, paged', async () => {
    // A rejection of an approved configuration withdraws its entry: gone from "in force", kept in the history.
    await reject('agent-pipeline-digest');
    const current = await walk(`/register?ws=${WS}&limit=1`);
    expect(current.map((e) => e.agent_id)).not.toContain('agent-pipeline-digest');
    const all = await walk(`/register?ws=${WS}&show=all&limit=2`);
    const csv = [];
    for await (const e of registerForExport(db, WS, { show: 'all' })) csv.push(e);
    expect(all.map((e) => e.id).sort()).toEqual(csv.map((e) => e.id).sort());
    for (const e of csv)
      expect(all.find((row) => row.id === e.id)).toEqual({
        id: e.id,
        agent_id: e.externalId,
        agent_name: e.agentName,
        owner_email: e.ownerEmail,
        version: e.versionId,
        config_hash: e.configHash,
        approvers: e.approvers,
        effective_at: e.effectiveAt.toISOString(),
        conditions: e.conditions,
        superseded_at: e.supersededAt?.toISOString() ?? null,
        decision_ids: e.decisionIds,
        kind: e.kind,
      });
    const withdrawn = all.find((e) => e.agent_id === 'agent-pipeline-digest')!;
    expect(withdrawn.superseded_at).not.toBeNull();
    expect((await get(`/register?ws=${WS}&show=all&q=PIPELINE`)).data).toEqual([withdrawn]);
    const approver = String((all[0]!.approvers as string[])[0]);
    const signed = await get(`/register?ws=${WS}&show=all&approver=${encodeURIComponent(approver)}`);
    expect(signed.data.length).toBeGreaterThan(0);
    expect(signed.data.every((e) => (e.approvers as string[]).includes(approver))).toBe(true);
    expect((await api('GET', `/register?ws=${WS}&show=some`, { token })).status).toBe(400);
  });
});

describe('posture', () => {
  async function cliPosture(workspace = WS) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      expect(await postureCommand({ json: true, workspace })).toBe(0);
    } finally {
      log.mockRestore();
    }
    return JSON.parse(out.join('\n')) as {
      overall: number;
      levels: unknown;
      frameworks: Record<string, number | null>;
      coverage: Record<string, { assessed: number; items: number }>;
      controls: { id: string; status: string; score: number | null; reasons: string[] }[];
    };
  }

  it('gives the numbers of `tollgate posture --json`: overall, levels, frameworks and every control', async () => {
    const cli = await cliPosture();
    const posture = await get(`/posture?ws=${WS}`);
    expect({ overall: posture.overall, levels: posture.levels, frameworks: posture.frameworks }).toEqual({
      overall: cli.overall,
      levels: cli.levels,
      frameworks: cli.frameworks,
    });
    expect(Date.now() - Date.parse(String(posture.evaluated_at))).toBeLessThan(60_000);
    const controls = await walk(`/posture/controls?ws=${WS}&limit=7`);
    expect(controls.map((c) => ({ id: c.id, status: c.status, score: c.score, reasons: c.reasons }))).toEqual(
      cli.controls.map((c) => ({ id: c.id, status: c.status, score: c.score, reasons: c.reasons })),
    );
    const failing = cli.controls.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing.length).toBeGreaterThan(0);
    expect((await get(`/posture/controls?ws=${WS}&status=fail`)).data.map((c) => c.id)).toEqual(failing);
    // A cursor still places the walk when its control has left the filtered list (its status changed).
    const firstFail = await get(`/posture/controls?ws=${WS}&status=fail&limit=1`);
    const after = cli.controls.slice(cli.controls.findIndex((c) => c.id === failing[0]) + 1);
    const passing = await get(`/posture/controls?ws=${WS}&status=pass&cursor=${firstFail.next_cursor}`);
    expect(passing.data.length).toBeGreaterThan(0);
    expect(passing.data.map((c) => c.id)).toEqual(after.filter((c) => c.status === 'pass').map((c) => c.id));
    const forged = Buffer.from('["6.4"]').toString('base64url');
    expect((await api('GET', `/posture/controls?ws=${WS}&cursor=${forged}`, { token })).status).toBe(400);
    const control = controls.find((c) => c.id === '6.4')!;
    expect((control.checks as { met: boolean }[]).length).toBeGreaterThan(0);
  });

  it('answers each AI framework’s score, edition and items assessed as the CLI and service count them', async () => {
    // The demo workspace and an empty one: in both, every framework has items assessed and items not assessed.
    for (const ws of [WS, 'ws-other']) {
      const cli = await cliPosture(ws);
      const posture = await get(`/posture?ws=${ws}`);
      const service = await evaluatePosture(db, ws, new Date());
      expect(Object.keys(posture.frameworks as object)).toEqual([
        'soc2',
        'nist_800_53',
        'cis',
        'gdpr',
        ...FRAMEWORK_KEYS,
      ]);
      expect(posture.frameworks).toEqual(cli.frameworks);
      const frameworks = posture.frameworks as Record<string, number | null>;
      const coverage = posture.coverage as Record<string, unknown>;
      expect(Object.keys(coverage)).toEqual([...FRAMEWORK_KEYS]);
      for (const k of FRAMEWORK_KEYS) {
        const items = service.frameworks[k].items;
        const assessed = items.filter((i) => i.score !== null).map((i) => i.score!);
        expect(assessed.length, k).toBeGreaterThan(0);
        expect(assessed.length, k).toBeLessThan(items.length);
        expect(coverage[k], k).toEqual({
          name: FRAMEWORK_LABELS[k],
          edition: frameworkCatalogue(k).edition,
          assessed: assessed.length,
          items: items.length,
        });
        expect({ assessed: assessed.length, items: items.length }).toEqual(cli.coverage[k]);
        // Items not assessed are left out of the mean, not counted as 0.
        const mean = assessed.reduce((a, b) => a + b, 0) / assessed.length;
        expect(Math.abs(frameworks[k]! - mean), k).toBeLessThanOrEqual(0.05);
        expect(frameworks[k]).toBe(service.frameworks[k].score);
      }
    }
    // A control names the items it gives evidence for in each framework, as the service's items name their controls.
    const service = await evaluatePosture(db, WS, new Date());
    const controls = await walk(`/posture/controls?ws=${WS}`);
    for (const c of controls)
      for (const k of FRAMEWORK_KEYS) {
        const items = service.frameworks[k].items.filter((i) => i.controls.includes(String(c.id))).map((i) => i.id);
        expect([...(c.frameworks as Record<string, string[]>)[k]!].sort(), `${c.id} ${k}`).toEqual(items.sort());
      }
    const trifecta = controls.find((c) => c.id === '6.4')!.frameworks as Record<string, string[]>;
    expect(trifecta.iso42001!.length).toBeGreaterThan(0);
  });

  it('answers one AI framework with every item: its score (null when not assessed) and what it rests on', async () => {
    const posture = await get(`/posture?ws=${WS}`);
    const service = await evaluatePosture(db, WS, new Date());
    for (const k of FRAMEWORK_KEYS) {
      const fw = await get(`/posture/frameworks/${k}?ws=${WS}`);
      expect(fw).toMatchObject({
        framework: k,
        uri: frameworkCatalogue(k).uri,
        score: (posture.frameworks as Record<string, unknown>)[k],
        coverage: (posture.coverage as Record<string, unknown>)[k],
      });
      expect(fw.items).toEqual(
        service.frameworks[k].items.map((i) => ({
          id: i.id,
          title: i.title,
          group: i.group,
          score: i.score,
          controls: i.controls,
          checks: i.checks,
        })),
      );
      const items = fw.items as { score: number | null; controls: string[]; checks: string[] }[];
      expect(items.map((i) => i.score === null)).toContain(true);
      // An item not assessed has nothing mapped that scored; an assessed one rests on a control or a check.
      for (const i of items) if (i.score !== null) expect(i.controls.length + i.checks.length).toBeGreaterThan(0);
    }
    const unknown = await api('GET', `/posture/frameworks/iso9001?ws=${WS}`, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.json!.errors).toEqual([expect.objectContaining({ field: 'path.framework' })]);
  });

  it('draws the trend from stored snapshots, one point per UTC day (its last), over the days asked', async () => {
    await takeSnapshot(db, WS, 'daily', new Date(), { force: true });
    const last = await takeSnapshot(db, WS, 'daily', new Date(Date.now() + 5), { force: true });
    const points = await walk(`/posture/trend?ws=${WS}&days=366&limit=3`);
    const snapshots = await db.postureSnapshot.findMany({ where: { workspaceId: WS }, orderBy: { at: 'asc' } });
    const byDay = new Map(snapshots.map((s) => [s.at.toISOString().slice(0, 10), s.overall]));
    expect(points.map((p) => [p.day, p.overall])).toEqual([...byDay.entries()]);
    expect(points.at(-1)).toMatchObject({ day: last!.at.toISOString().slice(0, 10), overall: last!.overall });
    expect((await get(`/posture/trend?ws=${WS}&days=1`)).data.length).toBeLessThanOrEqual(2);
  });

  it('carries the AI frameworks’ scores in the trend, and null on a day before they were scored', async () => {
    // A snapshot as they were stored before issue 21: no frameworks in its trend figures.
    const earlier = await takeSnapshot(db, 'ws-other', 'daily', new Date(Date.now() - 3 * 86_400_000), { force: true });
    const { frameworks: _, ...before } = earlier!.trend as Record<string, unknown>;
    await db.postureSnapshot.update({ where: { id: earlier!.id }, data: { trend: before as object } });
    const last = await takeSnapshot(db, 'ws-other', 'daily', new Date(), { force: true });
    const points = await walk(`/posture/trend?ws=ws-other&days=10`);
    expect(points[0]).toMatchObject({ day: earlier!.at.toISOString().slice(0, 10), frameworks: null });
    const scores = (last!.trend as { frameworks: Record<string, number | null> }).frameworks;
    expect(Object.keys(scores).sort()).toEqual([...FRAMEWORK_KEYS].sort()); // jsonb keeps no key order
    expect(points.at(-1)!.frameworks).toEqual(scores);
    expect(points.at(-1)!.frameworks).toEqual(
      Object.fromEntries(
        FRAMEWORK_KEYS.map((k) => [
          k,
          (last!.data as { frameworks: Record<string, { score: number }> }).frameworks[k]!.score,
        ]),
      ),
    );
  });
});
