// The contract: the real client (client.ts, read-all.ts) reads the simulated platform (lib/platform-sim), both
// built from definition.ts — pagination over several pages, a 429 then success, a malformed object reported with
// its id and field while the others arrive, a 5xx exhausted, the key, the body cap.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type RetryPolicy } from '@/lib/logs/puller/client.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { scaleSource } from '@/bench/gpts-tenant.ts';
import { type PlatformSim, type SimOptions, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource, type Json } from '@/lib/platform-sim/source.ts';
import { getGpt, listConfigs, listGptPages } from './client.ts';
import { readWorkspaceGpts } from './read-all.ts';

const PRINCIPAL = 'ws-contract';
const KEY = 'sk-contract';
const NOW = new Date('2026-12-01T12:00:00Z');
const DEMO = demoGpts(NOW);
const ids = (gpts: { id: string }[]) => gpts.map((g) => g.id);

let sim: PlatformSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(options: Partial<SimOptions> = {}) {
  sim = await startPlatformSim({ principal: PRINCIPAL, apiKey: KEY, source: arraySource(DEMO), ...options });
  return { baseUrl: sim.url, principal: PRINCIPAL, apiKey: KEY };
}
function quickRetry(delays: number[] = [], onSleep?: (ms: number) => void): RetryPolicy {
  return {
    attempts: 3,
    baseDelayMs: 5,
    maxDelayMs: 120_000,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
      onSleep?.(ms);
    },
  };
}
async function collect(settings: Parameters<typeof listGptPages>[0], limit: number, retry = quickRetry()) {
  const pages = [];
  for await (const page of listGptPages(settings, { limit, retry })) pages.push(page);
  return pages;
}

describe('GPT client against the simulated platform', () => {
  it('follows the cursor over several pages and returns every GPT once, in order, unchanged', async () => {
    const settings = await start();
    const pages = await collect(settings, 7);
    expect(pages.length).toBe(Math.ceil(DEMO.length / 7));
    expect(pages.flatMap((p) => ids(p.items))).toEqual(DEMO.map((d) => d.gpt.id));
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
    expect(pages.at(-1)!.hasMore).toBe(false);
    // Loose shapes: what arrives is the raw object as sent, unknown fields included.
    expect(pages[0]!.items[0]).toEqual(DEMO[0]!.gpt);
    expect(sim!.requests.listGpts).toBe(pages.length);
  });

  it('keeps fields it does not know', async () => {
    const extra = (g: Json) => ({
      ...g,
      store_category: 'productivity',
      latest_config: { ...(g.latest_config as Json), x: 1 },
    });
    const settings = await start({ malformed: { [DEMO[1]!.gpt.id as string]: extra } });
    const [page] = await collect(settings, 3);
    expect(page!.items[1]).toMatchObject({ store_category: 'productivity', latest_config: { x: 1 } });
    expect(page!.problems).toEqual([]);
  });

  it('waits as long as a 429 says, then carries on', async () => {
    let clock = 1_000_000;
    const delays: number[] = [];
    const settings = await start({ rateLimit: { perMinute: 2, now: () => clock } });
    clock += 15_000; // the first window opens 15 s in; the third request comes at once and must wait 60 s
    const pages = await collect(
      settings,
      10,
      quickRetry(delays, (ms) => (clock += ms)),
    );
    expect(pages.flatMap((p) => ids(p.items))).toEqual(DEMO.map((d) => d.gpt.id));
    expect(delays[0]).toBe(60_000);
  });

  it('reports a malformed GPT with its id and the field, and delivers the others', async () => {
    const bad = DEMO[4]!.gpt.id as string;
    const unsafe = DEMO[9]!.gpt.id as string;
    const settings = await start({
      malformed: {
        [bad]: (g) => ({ ...g, latest_config: { ...(g.latest_config as Json), tools: [{ type: 'action' }] } }),
        [unsafe]: (g) => ({ ...g, sharing: JSON.parse('{"visibility":"workspace","constructor":{"x":1}}') }),
      },
    });
    const pages = await collect(settings, 5);
    const problems = pages.flatMap((p) => p.problems);
    expect(problems).toEqual([
      { id: bad, field: 'latest_config.tools[0].action', message: 'an action tool has no action' },
      { id: unsafe, field: 'sharing.constructor', message: 'the key "constructor" is not allowed' },
    ]);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(
      DEMO.map((d) => d.gpt.id).filter((id) => id !== bad && id !== unsafe),
    );
  });

  it('gives up on a 5xx after the retries, with the status', async () => {
    const settings = await start({ failures: [{ route: 'listGpts', status: 503, times: 99 }] });
    const attempt = collect(settings, 10);
    await expect(attempt).rejects.toThrow(ApiError);
    await expect(collect(settings, 10)).rejects.toThrow(/answered 503.*after 3 attempts/);
  });

  it('sends the bearer key and is refused without the right one, without retrying', async () => {
    const settings = await start();
    await expect(collect({ ...settings, apiKey: 'wrong' }, 10)).rejects.toThrow(/answered 401/);
    expect(sim!.requests.listGpts ?? 0).toBe(0);
  });

  it('refuses a body over the cap', async () => {
    const settings = await start();
    const reading = listGptPages(settings, { limit: 10, maxBodyBytes: 2_000, retry: quickRetry() }).next();
    await expect(reading).rejects.toThrow(/larger than 2000 bytes/);
  });

  it('reads one GPT, and every configuration version across pages', async () => {
    const settings = await start();
    const many = DEMO.find((d) => d.configs.length >= 3)!;
    const one = await getGpt(settings, many.gpt.id as string, { retry: quickRetry() });
    expect(one).toEqual({ ok: true, value: many.gpt });
    const configs = await listConfigs(settings, many.gpt.id as string, { limit: 1, retry: quickRetry() });
    expect(configs.items.map((c) => c.id)).toEqual(many.configs.map((c) => c.id));
    expect(sim!.requests.listConfigs).toBe(many.configs.length);
  });

  it('refuses a GPT whose version list goes on beyond the cap', async () => {
    const settings = await start();
    const many = DEMO.find((d) => d.configs.length >= 3)!;
    const reading = listConfigs(settings, many.gpt.id as string, { limit: 1, maxItemsPerGpt: 2, retry: quickRetry() });
    await expect(reading).rejects.toThrow(/listConfigs of g-\w+ lists more than 2 objects/);
  });

  it('reads details only for the GPTs that changed; a GPT whose details fail carries the problem', async () => {
    const settings = await start({ failures: [{ route: 'listSharedUsers', status: 500, times: 3 }] });
    const changed = new Set(DEMO.slice(0, 3).map((d) => d.gpt.id));
    const read = [];
    for await (const page of readWorkspaceGpts(settings, {
      limit: 20,
      concurrency: 1,
      retry: quickRetry(),
      needsDetail: (g) => changed.has(g.id),
    }))
      read.push(...page.gpts);
    expect(read.length).toBe(DEMO.length);
    expect(read[0]!.problems).toEqual([
      { id: DEMO[0]!.gpt.id, field: '(details)', message: expect.stringMatching(/500/) },
    ]);
    expect(read[0]!.configs).toBeNull();
    expect(read[1]!.configs!.map((c) => c.id)).toEqual(DEMO[1]!.configs.map((c) => c.id));
    expect(read[2]!.sharedUsers).toEqual(DEMO[2]!.sharedUsers);
    expect(read.slice(3).every((r) => r.configs === null && r.problems.length === 0)).toBe(true);
    expect(sim!.requests.listConfigs).toBe(3);
  });

  it('serves the scale generator within the same contract', async () => {
    sim = await startPlatformSim({ principal: PRINCIPAL, source: scaleSource({ count: 250 }) });
    const settings = { baseUrl: sim.url, principal: PRINCIPAL, apiKey: 'any' };
    const read = [];
    for await (const page of readWorkspaceGpts(settings, { needsDetail: (g) => g.id.endsWith('0') })) {
      expect(page.problems).toEqual([]);
      read.push(...page.gpts);
    }
    expect(read.length).toBe(250);
    expect(new Set(read.map((r) => r.gpt.id)).size).toBe(250);
    const detailed = read.filter((r) => r.configs);
    expect(detailed.every((r) => r.configs![0]!.id === r.gpt.latest_config.id)).toBe(true);
  });
});
