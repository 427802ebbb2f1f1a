// A GPT file import with --complete: GPTs the files do not list are kept and marked; but when an object without a
// readable id was refused, it may be any GPT, so nothing is marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import type { OfflineItem } from '@/lib/gpts/offline.ts';
import type { RawConfig, RawGpt } from '@/lib/gpts/platform/definition.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { importGptFiles } from './store-import.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z')).slice(0, 4);
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_import'));
});
afterAll(async () => {
  await db.$disconnect();
});

const good = (d: (typeof DEMO)[number], i: number): OfflineItem => ({
  ok: true,
  bundle: { gpt: d.gpt as RawGpt, configs: d.configs as RawConfig[], sharedUsers: null },
  where: `line ${i + 1}`,
});
const source = (items: OfflineItem[]) =>
  async function* () {
    yield* items;
  };
const unlisted = (ws: string) =>
  db.agent.count({ where: { workspaceId: ws, kind: 'custom_gpt', inLatestExport: false } });

describe('a complete GPT file import', () => {
  it('marks the GPTs the files no longer list', async () => {
    await createWorkspace(db, actor, { id: 'ws-a', name: 'a', kind: 'workspace', principal: null });
    await importGptFiles(db, 'ws-a', ['all.jsonl'], { complete: true, read: source(DEMO.map(good)) });
    const result = await importGptFiles(db, 'ws-a', ['all.jsonl'], {
      complete: true,
      read: source(DEMO.slice(1).map(good)),
    });
    expect(result.totals.missing).toBe(1);
    expect(await unlisted('ws-a')).toBe(1);
  });

  it('marks nothing when it refused an object it cannot name', async () => {
    await createWorkspace(db, actor, { id: 'ws-b', name: 'b', kind: 'workspace', principal: null });
    await importGptFiles(db, 'ws-b', ['all.jsonl'], { complete: true, read: source(DEMO.map(good)) });
    const broken: OfflineItem = { ok: false, problem: { id: 'line 1', field: '(line)', message: 'not JSON' } };
    const result = await importGptFiles(db, 'ws-b', ['all.jsonl'], {
      complete: true,
      read: source([broken, ...DEMO.slice(1).map(good)]),
    });
    expect(result.totals.missing).toBe(0);
    expect(await unlisted('ws-b')).toBe(0);
    const run = await db.gptReadRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ complete: false, error: expect.stringMatching(/no readable id/) });
    expect(result.issues).toEqual([{ id: 'all.jsonl: line 1', field: '(line)', message: 'not JSON' }]);
  });
});
