// The scheduled GPT read against the simulated Compliance API and a real PostgreSQL: every page read through a
// 429, a malformed GPT listed as a read issue while the others are stored, an unchanged re-read that writes
// nothing and reads no versions, a changed configuration that adds a version and a history entry, and a GPT the
// platform stops listing kept and marked.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import type { RetryPolicy } from '@/lib/logs/puller/client.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type PlatformSim, type SimOptions, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource, type Json } from '@/lib/platform-sim/source.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { gptWithVersions, latestGptReads, listGpts } from './queries.ts';
import { readGptsFromApi } from './read.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-gpt-read';
const PRINCIPAL = 'ws-gpt-read-principal';
const KEY = 'sk-gpt-read';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const BAD = String(DEMO[3]!.gpt.id);
const spoil = { [BAD]: (g: Json) => ({ ...g, latest_config: { ...(g.latest_config as Json), tools: 'none' } }) };
const retry: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5, sleep: async () => {} };

let db: Db;
let sim: PlatformSim | null = null;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_read'));
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: PRINCIPAL });
});
afterEach(async () => {
  await sim?.close();
  sim = null;
});
afterAll(async () => {
  await db.$disconnect();
});

async function read(items: typeof DEMO, options: Partial<SimOptions> = {}, at = new Date()) {
  sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource(items), ...options });
  return readGptsFromApi(
    db,
    WS,
    { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY },
    {
      limit: 7,
      retry,
      now: () => at,
    },
  );
}
const gptRows = () =>
  db.agent.findMany({ where: { workspaceId: WS, kind: 'custom_gpt' }, orderBy: { externalId: 'asc' } });
const historyCount = () => db.agentHistory.count({ where: { agent: { workspaceId: WS } } });

describe('reading GPTs from the Compliance API', () => {
  it('stores every listed GPT through a 429 and lists a malformed one as a read issue', async () => {
    const result = await read(DEMO, {
      malformed: spoil,
      failures: [{ route: 'listGpts', status: 429, times: 1, retryAfterSeconds: 1 }],
    });
    expect(result.error).toBeNull();
    expect(sim!.requests.listGpts).toBe(Math.ceil(DEMO.length / 7) + 1);
    const rows = await gptRows();
    expect(rows.map((r) => r.externalId).sort()).toEqual(
      DEMO.map((d) => String(d.gpt.id))
        .filter((id) => id !== BAD)
        .sort(),
    );
    expect(result.totals).toMatchObject({ listed: DEMO.length - 1, created: DEMO.length - 1, missing: 0 });

    const issues = await db.gptReadIssue.findMany({ where: { runId: result.runId } });
    expect(issues.map((i) => [i.objectId, i.field])).toEqual([[BAD, 'latest_config.tools']]);
    const run = await db.gptReadRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ source: 'api', complete: true, listed: DEMO.length - 1 });

    // Every configuration version is kept, and the Agent row carries the GPT's classification.
    const versions = await db.gptConfigVersion.count({ where: { agent: { workspaceId: WS } } });
    const expected = DEMO.filter((d) => d.gpt.id !== BAD).reduce((n, d) => n + d.configs.length, 0);
    expect(versions).toBe(expected);
    const analyst = rows.find((r) => r.name === 'Market research analyst')!;
    expect(analyst.trifecta).toBe(true);
    expect(analyst.effectiveState).toBe('exposed');
    const state = await db.gptState.findUniqueOrThrow({ where: { agentId: analyst.id } });
    expect(state.capabilities).toContain('web_browsing');
    expect(state.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    const privateOne = rows.find((r) => r.name === 'Release notes polisher')!;
    expect(privateOne.status).toBe('draft');
    expect(rows.find((r) => r.name === 'SQL explainer')!.status).toBe('published');
  });

  it('writes nothing and reads no versions when nothing changed', async () => {
    const before = await gptRows();
    const histories = await historyCount();
    const states = await db.gptState.findMany({ where: { workspaceId: WS }, orderBy: { agentId: 'asc' } });
    const result = await read(DEMO, { malformed: spoil });
    expect(result.totals).toMatchObject({ created: 0, changed: 0, unchanged: DEMO.length - 1 });
    expect(sim!.requests.listConfigs ?? 0).toBe(0);
    expect(sim!.requests.listSharedUsers ?? 0).toBe(0);
    expect(await gptRows()).toEqual(before);
    expect(await historyCount()).toBe(histories);
    expect(await db.gptState.findMany({ where: { workspaceId: WS }, orderBy: { agentId: 'asc' } })).toEqual(states);
  });

  it('refuses a stored GPT whose listed object turns hostile, rather than taking it as unchanged', async () => {
    const target = String(DEMO[1]!.gpt.id);
    const before = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: target } });
    // An own "__proto__" key, as JSON.parse makes it: the object no longer hashes as the one stored.
    const hostile = (g: Json) => ({
      ...g,
      latest_config: Object.assign(JSON.parse('{"__proto__": {"polluted": true}}'), g.latest_config as Json),
    });
    const result = await read(DEMO, { malformed: { ...spoil, [target]: hostile } });
    expect(result.totals).toMatchObject({ created: 0, changed: 0, unchanged: DEMO.length - 2, missing: 0 });
    const issues = await db.gptReadIssue.findMany({ where: { runId: result.runId }, orderBy: { objectId: 'asc' } });
    expect(issues.map((i) => i.objectId).sort()).toEqual([BAD, target].sort());
    expect(issues.find((i) => i.objectId === target)!.field).toContain('__proto__');
    expect(await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: target } })).toEqual(before);
  });

  it('adds the new version and a history entry when a configuration changes, reading only that GPT', async () => {
    const changed = structuredClone(DEMO);
    const target = changed.find((d) => (d.gpt.latest_config as Json).name === 'SQL explainer')!;
    const latest = target.gpt.latest_config as Json;
    const next: Json = {
      ...latest,
      id: 'gcfg-sql-next',
      created_at: Number(latest.created_at) + 3600,
      tools: [...(latest.tools as Json[]), { type: 'browser' }],
    };
    target.gpt = { ...target.gpt, latest_config: next, updated_at: next.created_at };
    target.configs = [next, ...target.configs];
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: WS, externalId: String(target.gpt.id) } });

    const result = await read(changed, { malformed: spoil });
    expect(result.totals).toMatchObject({ changed: 1, created: 0, unchanged: DEMO.length - 2 });
    expect(sim!.requests.listConfigs).toBe(1);
    const versions = await db.gptConfigVersion.findMany({ where: { agentId: agent.id }, orderBy: { id: 'asc' } });
    expect(versions.at(-1)!.configId).toBe('gcfg-sql-next');
    expect(versions).toHaveLength(target.configs.length);
    const after = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(after.configHash).not.toBe(agent.configHash);
    expect(after.configHash).toBe(versions.at(-1)!.riskHash);
    const history = await db.agentHistory.findMany({ where: { agentId: agent.id, kind: 'gpt_config_changed' } });
    expect(history).toHaveLength(1);
    expect(JSON.stringify(history[0]!.detail)).toContain('web_browsing');
  });

  it('keeps a GPT the platform stops listing and marks it, but never a listed one that was refused', async () => {
    const gone = DEMO[0]!;
    const result = await read(DEMO.slice(1), { malformed: spoil });
    expect(result.totals.missing).toBe(1);
    const rows = await gptRows();
    const missing = rows.filter((r) => !r.inLatestExport).map((r) => r.externalId);
    expect(missing).toEqual([String(gone.gpt.id)]);
    const agent = rows.find((r) => r.externalId === gone.gpt.id)!;
    expect(await db.agentHistory.count({ where: { agentId: agent.id, kind: 'missing_from_export' } })).toBe(1);

    await read(DEMO, { malformed: spoil });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).inLatestExport).toBe(true);
    expect(await db.agentHistory.count({ where: { agentId: agent.id, kind: 'back_in_export' } })).toBe(1);
  });

  it('reads back the GPTs, one GPT with its versions oldest first, and the latest read with its issues', async () => {
    const listed = await listGpts(db, WS);
    expect(listed.map((g) => g.gptId)).toEqual([...listed.map((g) => g.gptId)].sort());
    const sql = listed.find((g) => g.name === 'SQL explainer')!;
    const one = await gptWithVersions(db, WS, sql.gptId);
    expect(one!.versions.map((v) => v.configId).at(-1)).toBe('gcfg-sql-next');
    const times = one!.versions.map((v) => v.configCreatedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await gptWithVersions(db, WS, 'g-none')).toBeNull();
    const [latest] = await latestGptReads(db, WS);
    expect(latest).toMatchObject({ source: 'api', complete: true });
    expect(latest!.issues.map((i) => i.objectId)).toEqual([BAD]);
  });

  it('lists a refused version on every read until fixed, storing the GPT with the versions it could read', async () => {
    const ws = 'ws-gpt-read-versions';
    await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
    const items = structuredClone(DEMO.slice(0, 3));
    const target = items[1]!;
    const bad = { ...(target.configs.at(-1) as Json), id: 'gcfg-bad', tools: 'none' };
    target.configs = [...target.configs, bad];
    const readWs = async () => {
      sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource(items) });
      const settings = { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY };
      const result = await readGptsFromApi(db, ws, settings, { limit: 7, retry });
      const requests = sim.requests.listConfigs ?? 0;
      await sim.close();
      sim = null;
      return { result, requests };
    };
    for (const expectedConfigReads of [3, 1]) {
      const { result, requests } = await readWs();
      expect(requests).toBe(expectedConfigReads);
      const issues = await db.gptReadIssue.findMany({ where: { runId: result.runId } });
      expect(issues.map((i) => [i.objectId, i.field])).toEqual([[`${target.gpt.id}/gcfg-bad`, 'tools']]);
    }
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: ws, externalId: String(target.gpt.id) } });
    expect(await db.gptConfigVersion.count({ where: { agentId: agent.id } })).toBe(target.configs.length - 1);
  });

  it("parses each action document once: a later read takes a changed GPT's documents from the store", async () => {
    const ws = 'ws-gpt-read-schemas';
    await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
    const items = structuredClone(DEMO);
    const readWs = async () => {
      sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource(items) });
      await readGptsFromApi(db, ws, { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY }, { limit: 7, retry });
      await sim.close();
      sim = null;
    };
    const documents = (configs: Json[]) =>
      configs.flatMap((c) => (c.tools as Json[]).map((t) => (t.action as Json | undefined)?.openapi_schema));
    await readWs();
    const texts = new Set(items.flatMap((d) => documents([d.gpt.latest_config as Json, ...d.configs])));
    texts.delete(undefined);
    const stored = await db.gptActionSchema.findMany({ where: { workspaceId: ws } });
    expect(stored).toHaveLength([...texts].filter((t) => typeof t === 'string' && t.trim() !== '').length);

    // A stored parse marked, then a GPT carrying that document changed: the read takes the marked parse.
    const target = items.find((d) => documents([d.gpt.latest_config as Json]).some((t) => typeof t === 'string'))!;
    const text = documents([target.gpt.latest_config as Json]).find((t) => typeof t === 'string') as string;
    const sha = createHash('sha256').update(text).digest('hex');
    const row = stored.find((r) => r.sha256 === sha)!;
    const marked = { ...(row.result as object), schemaProblem: 'marked in the store' };
    await db.gptActionSchema.update({
      where: { workspaceId_sha256: { workspaceId: ws, sha256: sha } },
      data: { result: marked },
    });
    const latest = target.gpt.latest_config as Json;
    const next: Json = { ...latest, id: 'gcfg-schemas-next', created_at: Number(latest.created_at) + 60 };
    target.gpt = { ...target.gpt, latest_config: next, updated_at: next.created_at };
    target.configs = [next, ...target.configs];
    await readWs();
    const agent = await db.agent.findFirstOrThrow({ where: { workspaceId: ws, externalId: String(target.gpt.id) } });
    const state = await db.gptState.findUniqueOrThrow({ where: { agentId: agent.id } });
    const actions = (state.gpt as { actions: { schemaSha256: string | null; schemaProblem: string | null }[] }).actions;
    expect(actions.find((a) => a.schemaSha256 === sha)!.schemaProblem).toBe('marked in the store');
    expect(await db.gptActionSchema.count({ where: { workspaceId: ws } })).toBe(stored.length);
  });

  it('stores the GPTs read before the list failed part way, and marks nothing missing', async () => {
    const ws = 'ws-gpt-read-partial';
    await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
    const size = (d: (typeof DEMO)[number]) => JSON.stringify(d.gpt).length;
    const [small, large] = [...DEMO]
      .sort((a, b) => size(a) - size(b))
      .filter((_, i, all) => i === 0 || i === all.length - 1);
    expect(size(large!)).toBeGreaterThan(size(small!) + 1000);
    // One GPT a page, the second page over the body cap: the list fails after the first GPT was read.
    sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource([small!, large!]) });
    const settings = { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY };
    const result = await readGptsFromApi(db, ws, settings, { limit: 1, retry, maxBodyBytes: size(small!) + 500 });
    expect(result.error).toMatch(/larger than/);
    const rows = await db.agent.findMany({ where: { workspaceId: ws }, select: { externalId: true } });
    expect(rows.map((r) => r.externalId)).toEqual([String(small!.gpt.id)]);
    expect(result.totals.missing).toBe(0);
  });

  it('marks nothing gone when it refused a listed object without a readable id', async () => {
    const noId = { [String(DEMO[2]!.gpt.id)]: (g: Json) => ({ ...g, id: 42 }) };
    const result = await read(DEMO.slice(1), { malformed: noId });
    expect(result.error).toBeNull();
    expect(result.totals.missing).toBe(0);
    expect(await db.agent.count({ where: { workspaceId: WS, kind: 'custom_gpt', inLatestExport: false } })).toBe(0);
  });

  it('records a list that fails after every retry as an incomplete read and marks nothing missing', async () => {
    const result = await read(DEMO.slice(5), { failures: [{ route: 'listGpts', status: 503, times: 10 }] });
    expect(result.error).toMatch(/503/);
    const run = await db.gptReadRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.complete).toBe(false);
    expect(await db.agent.count({ where: { workspaceId: WS, kind: 'custom_gpt', inLatestExport: false } })).toBe(0);
  });
});
