// The GPT findings after a read are synced a batch of GPTs at a time, each batch its own transaction: a batch that
// fails (a PostgreSQL trigger refuses one GPT's findings) leaves the batches before it committed, the next read
// completes the rest, and a read that changed nothing touches no finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import type { OfflineItem } from '@/lib/gpts/offline.ts';
import type { RawConfig, RawGpt } from '@/lib/gpts/platform/definition.ts';
import { importGptFiles } from '@/lib/gpts/store-import.ts';
import { SYNC_FAILED } from '@/lib/gpts/store-runs.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { gptFindingDrafts } from './gpt.ts';
import { loadGptSnapshot } from './gpt-snapshot.ts';
import { GPT_FINDING_KINDS } from './gpt-sync.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const WS = 'ws-gpt-sync';
const NOW = new Date('2026-12-01T12:00:00Z');
// A GPT with knowledge files (one finding per unclassified file), cloned under six ids: batches of two.
const template = demoGpts(NOW).find((d) => JSON.stringify(d.configs).includes('"files":[{'))!;
const IDS = ['g-0', 'g-1', 'g-2', 'g-3', 'g-4', 'g-5'];
const items: OfflineItem[] = IDS.map((id, i) => {
  const clone = JSON.parse(JSON.stringify(template).replaceAll(String(template.gpt.id), id));
  return {
    ok: true,
    bundle: { gpt: clone.gpt as RawGpt, configs: clone.configs as RawConfig[], sharedUsers: null },
    where: `line ${i + 1}`,
  };
});
const read = () =>
  importGptFiles(db, WS, ['all.jsonl'], {
    complete: true,
    read: async function* () {
      yield* items;
    },
  });
const findingsOf = async (gptId: string) =>
  db.finding.count({ where: { workspaceId: WS, subjectId: gptId, kind: { in: GPT_FINDING_KINDS }, status: 'open' } });
const rows = () =>
  db.finding.findMany({
    where: { workspaceId: WS },
    select: { id: true, status: true, lastSeenAt: true, updatedAt: true },
    orderBy: { id: 'asc' },
  });
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('gpt_sync_batches'));
  await createWorkspace(db, actor, { id: WS, name: WS, kind: 'workspace', principal: null });
  process.env.GPT_FINDINGS_BATCH = '2';
});
afterAll(async () => {
  delete process.env.GPT_FINDINGS_BATCH;
  await db.$disconnect();
});

describe('the GPT findings after a read', () => {
  it('are synced in batches: a failed batch keeps the ones before, the next read completes the rest', async () => {
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_g2() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure for g-2'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_g2 BEFORE INSERT ON "Finding" FOR EACH ROW
      WHEN (NEW."subjectId" = 'g-2') EXECUTE FUNCTION refuse_g2()`);
    await expect(read()).rejects.toThrow(/injected failure for g-2/);

    // The first batch (g-0, g-1) committed; the second failed whole; the third never ran.
    expect(await findingsOf('g-0')).toBeGreaterThan(0);
    expect(await findingsOf('g-1')).toBeGreaterThan(0);
    for (const id of ['g-2', 'g-3', 'g-4', 'g-5']) expect(await findingsOf(id)).toBe(0);
    const failed = await db.gptReadRun.findFirstOrThrow({ where: { workspaceId: WS }, orderBy: { startedAt: 'desc' } });
    expect(failed.error).toMatch(new RegExp(`^${SYNC_FAILED}`));

    await db.$executeRawUnsafe('DROP TRIGGER refuse_g2 ON "Finding"');
    // Nothing changed on the platform, yet the GPTs the failed sync left behind are synced now.
    const again = await read();
    expect(again.totals).toMatchObject({ created: 0, changed: 0, missing: 0 });
    const open = await db.finding.findMany({
      where: { workspaceId: WS, kind: { in: GPT_FINDING_KINDS }, status: 'open' },
      select: { key: true },
    });
    const members = await db.member.findMany({ where: { workspaceId: WS }, select: { email: true, status: true } });
    const expected = gptFindingDrafts(await loadGptSnapshot(db, WS), members, new Date()).map((d) => d.key);
    expect(expected.length).toBeGreaterThanOrEqual(IDS.length);
    expect(open.map((f) => f.key).sort()).toEqual([...expected].sort());
    for (const id of IDS) expect(await findingsOf(id)).toBeGreaterThan(0);
  });

  it('touches no finding when a read changed nothing and no sync is owed', async () => {
    const before = await rows();
    const versions = await db.recordVersion.count({ where: { workspaceId: WS, entity: 'finding' } });
    const audits = await db.auditEvent.count({ where: { workspaceId: WS, action: 'findings.sync' } });
    await read();
    expect(await rows()).toEqual(before);
    expect(await db.recordVersion.count({ where: { workspaceId: WS, entity: 'finding' } })).toBe(versions);
    expect(await db.auditEvent.count({ where: { workspaceId: WS, action: 'findings.sync' } })).toBe(audits);
  });

  it('resolves the findings of a GPT the next complete read no longer lists, and only those', async () => {
    const others = await db.finding.findMany({
      where: { workspaceId: WS, subjectId: { not: 'g-5' } },
      select: { id: true, status: true, updatedAt: true },
      orderBy: { id: 'asc' },
    });
    const removed = items.pop()!;
    try {
      expect((await read()).totals.missing).toBe(1);
    } finally {
      items.push(removed);
    }
    expect(await findingsOf('g-5')).toBe(0);
    expect(
      await db.finding.findMany({
        where: { workspaceId: WS, subjectId: { not: 'g-5' } },
        select: { id: true, status: true, updatedAt: true },
        orderBy: { id: 'asc' },
      }),
    ).toEqual(others);
  });
});
