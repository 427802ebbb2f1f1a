// The audit-log extract against a real PostgreSQL: more events than one page (5,000), read in seq order, only
// those within [from, to) of this workspace or of none, each with what an auditor needs to recompute its hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRow, copyAuditEvents } from '@/test/audit-events.ts';
import { createTestDatabase } from '@/test/db.ts';
import { GENESIS, hashEvent, type AuditContent } from '@/lib/audit/chain.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { auditLogSet, auditRows } from './audit-log.ts';
import { collect, csvObjects, setFiles } from './sets.fixture.ts';
import type { SetContext } from './types.ts';

const WS = 'ws-sets-audit';
const OTHER = 'ws-sets-audit-other';
const from = new Date('2030-01-01T00:00:00.000Z');
const to = new Date('2030-02-01T00:00:00.000Z');
const INSIDE = 11_000;
let db: Db;
let url: string;
/** What the extract should hold: seqs of in-period events of WS or of no workspace. */
const expected: string[] = [];

/** Appends events to the chain as recordAudit would (same fields, same hashing), in bulk. */
async function append(events: { at: Date; workspaceId: string | null; action?: string }[]) {
  const head = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  let seq = head?.seq ?? 0n;
  let prevHash = head?.hash ?? GENESIS;
  const rows: AuditRow[] = [];
  for (const e of events) {
    seq += 1n;
    const content: AuditContent = {
      seq,
      at: e.at,
      actorId: 'u-1',
      actorLabel: seq % 5n === 0n ? '=cmd|calc' : 'ann@acme.example',
      role: 'admin',
      action: e.action ?? 'test.event',
      targetType: 'thing',
      targetId: `t-${seq}`,
      workspaceId: e.workspaceId,
      diff: { n: Number(seq), nested: { b: 1, a: [1, 2] } },
      requestId: null,
      sourceIp: '10.0.0.1',
      prevHash,
    };
    const hash = hashEvent(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  await copyAuditEvents(url, rows);
  return rows;
}

const ctx = (over: Partial<SetContext> = {}): SetContext => ({
  workspaceId: WS,
  period: { from, to },
  asOf: to,
  ...over,
});

beforeAll(async () => {
  url = await createTestDatabase('sets_audit');
  db = createDb(url);
  for (const id of [WS, OTHER])
    await createWorkspace(
      db,
      { id: null, label: 'test', role: 'admin' },
      { id, name: id, kind: 'workspace', principal: null },
    );
  const events: { at: Date; workspaceId: string | null; action?: string }[] = [];
  for (let i = 0; i < 50; i++)
    events.push({ at: new Date(from.getTime() - (50 - i) * 1000), workspaceId: WS, action: 'test.before' });
  for (let i = 0; i < INSIDE; i++) {
    const workspaceId = i % 20 === 7 ? OTHER : i % 37 === 3 ? null : WS;
    events.push({ at: new Date(from.getTime() + i * 100), workspaceId });
  }
  events.push({ at: to, workspaceId: WS, action: 'test.at-end' });
  for (let i = 0; i < 20; i++)
    events.push({ at: new Date(to.getTime() + i * 1000), workspaceId: WS, action: 'test.after' });
  const rows = await append(events);
  for (const r of rows) if (r.at >= from && r.at < to && r.workspaceId !== OTHER) expected.push(String(r.seq));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('audit-log evidence set', () => {
  it('holds every in-period event of the workspace or of none, in seq order, across several pages', async () => {
    const rows = await collect(auditLogSet.rows(db, ctx()));
    expect(expected.length).toBeGreaterThan(2 * 5000);
    expect(rows.map((r) => r.seq)).toEqual(expected);
    expect(rows[0]!.at).toEqual(from);
    expect(rows.every((r) => (r.at as Date) < to && r.workspaceId !== OTHER && r.action === 'test.event')).toBe(true);
    expect(rows.some((r) => r.workspaceId === null)).toBe(true);
  });

  it('gives every event the fields its hash covers: each hash recomputes, and consecutive events link', async () => {
    const { json } = await setFiles(db, auditLogSet, ctx());
    const rows = JSON.parse(json) as (Omit<AuditContent, 'seq' | 'at'> & { seq: string; at: string; hash: string })[];
    expect(rows).toHaveLength(expected.length);
    let linked = 0;
    rows.forEach((r, i) => {
      expect(hashEvent({ ...r, seq: BigInt(r.seq), at: new Date(r.at) }), r.seq).toBe(r.hash);
      const prev = rows[i - 1];
      if (prev && BigInt(prev.seq) + 1n === BigInt(r.seq)) {
        expect(r.prevHash).toBe(prev.hash);
        linked++;
      }
    });
    expect(linked).toBeGreaterThan(expected.length * 0.8);
  });

  it('reads a running period only up to asOf, and the same pages give the same bytes', async () => {
    const running = ctx({
      period: { from, to: new Date('2031-01-01T00:00:00Z') },
      asOf: new Date(from.getTime() + 1000),
    });
    // The first ten in-period events (100 ms apart) less the other workspace's one.
    const firstTen = expected.filter((s) => BigInt(s) <= BigInt(expected[0]!) + 9n);
    expect(firstTen).toHaveLength(9);
    expect((await collect(auditRows(db, running))).map((r) => r.seq)).toEqual(firstTen);
    const first = await setFiles(db, auditLogSet, ctx());
    expect(await setFiles(db, auditLogSet, ctx())).toEqual(first);
    const records = csvObjects(first.csv);
    expect(records).toHaveLength(expected.length);
    expect(records.find((r) => r.actorLabel.includes('cmd'))!.actorLabel).toBe(`'=cmd|calc`);
    expect(records[0]!.diff).toMatch(/^\{"n":\d+,"nested":\{"a":\[1,2\],"b":1\}\}$/);
  });

  it('is empty for a period without events', async () => {
    expect(
      await collect(
        auditRows(
          db,
          ctx({
            period: { from: new Date('2040-01-01T00:00:00Z'), to: new Date('2040-02-01T00:00:00Z') },
            asOf: new Date('2040-02-01T00:00:00Z'),
          }),
        ),
      ),
    ).toEqual([]);
  });
});
