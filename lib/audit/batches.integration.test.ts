// The audit CSV export's two calls, against a real PostgreSQL: auditEventBatches reads every matching event once,
// oldest first, in batches of the given size; recordAccess records the export as one event on the chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { auditEventBatches, auditWhere } from './queries.ts';
import { recordAccess, recordAudit, type Actor } from './record.ts';

let db: Db;
const actor: Actor = { id: null, label: 'batch-test', role: null, requestId: null, sourceIp: null };

beforeAll(async () => {
  db = createDb(await createTestDatabase('audit-batches'));
  for (let i = 0; i < 7; i++) {
    const action = i % 2 === 0 ? 'batch.even' : 'batch.odd';
    await db.$transaction((tx) => recordAudit(tx, actor, { action, targetType: 'test', targetId: `t${i}` }));
  }
});
afterAll(async () => {
  await db.$disconnect();
});

async function collect(where: Parameters<typeof auditEventBatches>[1], size: number) {
  const batches: string[][] = [];
  for await (const batch of auditEventBatches(db, where, size)) batches.push(batch.map((e) => e.targetId ?? ''));
  return batches;
}

describe('auditEventBatches', () => {
  it('reads the matching events once each, oldest first, in batches of the size asked', async () => {
    const even = await collect(auditWhere({ action: 'batch.even' }), 3);
    expect(even).toEqual([['t0', 't2', 't4'], ['t6']]);
    const all = (await collect(auditWhere({ actor: 'batch-test' }), 2)).flat();
    expect(all).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
  });

  it('yields no batch when nothing matches, and no empty last batch on an exact multiple', async () => {
    expect(await collect(auditWhere({ action: 'batch.none' }), 3)).toEqual([]);
    expect((await collect(auditWhere({ action: 'batch.odd' }), 3)).map((b) => b.length)).toEqual([3]);
  });
});

describe('recordAccess', () => {
  it('records one event on its own, chained to the head before it', async () => {
    const before = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    const event = await recordAccess(db, actor, { action: 'batch.access', targetType: 'test', diff: { q: 'x' } });
    expect(event.seq).toBe(before!.seq + 1n);
    expect(event.prevHash).toBe(before!.hash);
    expect(await collect(auditWhere({ action: 'batch.access' }), 10)).toEqual([['']]);
  });
});
