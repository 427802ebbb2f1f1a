// Files an admin saved with curl: each accepted shape, a bad line named by its number, an over-long line skipped
// without stopping the rest, embedded versions, and the same answer however the bytes are chunked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type OfflineItem, type OfflineLimits, readGptFile, readGptObjects } from './offline.ts';

const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z'));
const GPTS = DEMO.slice(0, 5).map((d) => d.gpt);
const IDS = GPTS.map((g) => g.id);

async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function read(text: string, limits: OfflineLimits = {}, size = 64 * 1024): Promise<OfflineItem[]> {
  const out: OfflineItem[] = [];
  for await (const item of readGptObjects(chunked(text, size), limits)) out.push(item);
  return out;
}
const okIds = (items: OfflineItem[]) => items.flatMap((i) => (i.ok ? [i.bundle.gpt.id] : []));
const problems = (items: OfflineItem[]) => items.flatMap((i) => (i.ok ? [] : [i.problem]));
const page = { object: 'list', data: GPTS, has_more: false, last_id: IDS.at(-1) };

describe('reading saved GPT files', () => {
  it('reads a list page as curl saves it (one line) and pretty-printed', async () => {
    const oneLine = await read(JSON.stringify(page));
    expect(okIds(oneLine)).toEqual(IDS);
    expect(oneLine[1]).toMatchObject({ where: 'line 1, item 2' });
    const pretty = await read(JSON.stringify(page, null, 2));
    expect(okIds(pretty)).toEqual(IDS);
    expect(pretty[1]).toMatchObject({ where: 'item 2' });
  });

  it('reads a JSON array, a single object, and JSONL of objects or pages', async () => {
    expect(okIds(await read(JSON.stringify(GPTS, null, 2)))).toEqual(IDS);
    expect(okIds(await read(`\uFEFF${JSON.stringify(GPTS[0], null, 2)}\n`))).toEqual([IDS[0]]);
    const jsonl = `${GPTS.map((g) => JSON.stringify(g)).join('\r\n')}\r\n`;
    const lines = await read(jsonl);
    expect(okIds(lines)).toEqual(IDS);
    expect(lines[3]).toMatchObject({ where: 'line 4' });
    const twoPages = [
      { data: GPTS.slice(0, 2), has_more: true, last_id: IDS[1] },
      { data: GPTS.slice(2), has_more: false },
    ];
    expect(okIds(await read(twoPages.map((p) => JSON.stringify(p)).join('\n')))).toEqual(IDS);
  });

  it('names a line that is not JSON and a malformed object by its id and field; the others arrive', async () => {
    const broken = { ...GPTS[3], sharing: { visibility: 7 } };
    const text = [GPTS[0], GPTS[1], '{"id": "g-cut', broken, GPTS[4]]
      .map((g) => (typeof g === 'string' ? g : JSON.stringify(g)))
      .join('\n');
    const items = await read(text);
    expect(okIds(items)).toEqual([IDS[0], IDS[1], IDS[4]]);
    expect(problems(items)).toEqual([
      { id: 'line 3', field: '(line)', message: expect.stringMatching(/^not JSON/) },
      { id: IDS[3], field: 'sharing.visibility', message: expect.any(String) },
    ]);
  });

  it('reads JSONL whose first line is broken as JSONL, naming that line', async () => {
    const text = ['{"id": "g-cut', ...GPTS.slice(1).map((g) => JSON.stringify(g))].join('\n');
    const items = await read(text);
    expect(okIds(items)).toEqual(IDS.slice(1));
    expect(problems(items)).toEqual([{ id: 'line 1', field: '(line)', message: expect.stringMatching(/^not JSON/) }]);
    expect(items[2]).toMatchObject({ where: 'line 3' });
  });

  it('skips an over-long line without holding it, and reads the lines after it', async () => {
    const long = JSON.stringify({ ...GPTS[1], padding: 'x'.repeat(5000) });
    const text = [JSON.stringify(GPTS[0]), long, JSON.stringify(GPTS[2])].join('\n');
    const items = await read(text, { maxLineBytes: 4096 }, 1000);
    expect(okIds(items)).toEqual([IDS[0], IDS[2]]);
    expect(problems(items)).toEqual([{ id: 'line 2', field: '(line)', message: 'longer than 4096 bytes' }]);
  });

  it('refuses a pretty-printed document over its cap, and one that is neither JSON nor JSONL', async () => {
    const big = await read(JSON.stringify(page, null, 2), { maxDocumentBytes: 1000 });
    expect(problems(big)).toEqual([
      { id: '(file)', field: '(file)', message: 'a JSON document larger than 1000 bytes' },
    ]);
    const neither = await read('{\n  "data": [\n');
    expect(problems(neither)).toEqual([{ id: '(file)', field: '(file)', message: expect.stringMatching(/^not JSON/) }]);
  });

  it('takes versions and shared users embedded in a GPT, and names a bad version under its GPT', async () => {
    const d = DEMO.find((x) => x.configs.length >= 2 && x.sharedUsers.length > 0)!;
    const bundle = { ...d.gpt, configs: d.configs, shared_users: d.sharedUsers };
    const [item] = await read(JSON.stringify(bundle));
    expect(item).toMatchObject({ ok: true, bundle: { gpt: d.gpt, configs: d.configs, sharedUsers: d.sharedUsers } });
    const badVersion = { ...d.configs[1], files: 'none' };
    const [bad] = await read(JSON.stringify({ ...bundle, configs: [d.configs[0], badVersion] }));
    expect(bad).toEqual({
      ok: false,
      problem: { id: `${d.gpt.id}/${d.configs[1]!.id}`, field: 'files', message: expect.any(String) },
    });
  });

  it('refuses a __proto__ key in a page envelope or an object', async () => {
    const items = await read(
      `${JSON.stringify(GPTS[0]).replace('{', '{"__proto__":{"polluted":1},')}\n${JSON.stringify(GPTS[1])}`,
    );
    expect(problems(items)).toEqual([
      { id: IDS[0], field: '__proto__', message: 'the key "__proto__" is not allowed' },
    ]);
    expect(okIds(items)).toEqual([IDS[1]]);
    const envelope = await read(JSON.stringify(page).replace('{', '{"constructor":{"prototype":{}},'));
    expect(problems(envelope)).toEqual([
      { id: 'line 1', field: 'constructor', message: 'the key "constructor" is not allowed' },
    ]);
    expect(okIds(envelope)).toEqual([]);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('gives the same objects and problems however the bytes are chunked', async () => {
    const unicode = {
      ...GPTS[2],
      latest_config: { ...(GPTS[2]!.latest_config as object), name: 'Übersetzer 日本語 ✓' },
    };
    const text = [JSON.stringify(page), '', 'nope', JSON.stringify(unicode), `${'y'.repeat(300)}`].join('\n');
    const whole = await read(text, { maxLineBytes: 200_000 });
    expect(whole.find((i) => i.ok && i.where === 'line 4')).toMatchObject({
      bundle: { gpt: { latest_config: { name: 'Übersetzer 日本語 ✓' } } },
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), async (size) => {
        expect(await read(text, { maxLineBytes: 200_000 }, size)).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('reads a file from disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-gpts-'));
    try {
      const file = path.join(dir, 'gpts.jsonl');
      await writeFile(file, GPTS.map((g) => JSON.stringify(g)).join('\n'));
      const items: OfflineItem[] = [];
      for await (const item of readGptFile(file)) items.push(item);
      expect(okIds(items)).toEqual(IDS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
