// GET /api/v1/audit-events through the route handler: the Audit log page's filters, keyset paging on seq that
// neither repeats nor skips while events are appended, a chain an integrator can verify from the answers alone,
// and a token of one workspace reading only that workspace's events.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS, hashEvent } from '@/lib/audit/chain.ts';
import { recordAccess } from '@/lib/audit/record.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey, verifyHeadSignature } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';

let db: Db;
let token: string;
const admin = { id: null, label: 'audit-admin@example.com', role: 'admin' };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('apiaudit');
  process.env.TOLLGATE_API_RATE_LIMIT = '100000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of ['ws-a', 'ws-b'])
    await createWorkspace(db, admin, { id, name: `Workspace ${id}`, kind: 'workspace', principal: null });
  for (let i = 0; i < 5; i++)
    for (const ws of ['ws-a', 'ws-b'])
      await recordAccess(
        db,
        { id: null, label: `viewer-${i}@example.com`, role: 'auditor' },
        {
          action: `report.view.${ws}`,
          targetType: 'report',
          targetId: `r-${i}`,
          workspaceId: ws,
          diff: { page: i, nested: { z: 1, a: [i, 'x'] } },
        },
      );
  token = (await makeToken(db, 'auditor', null)).token;
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

type Event = Record<string, unknown> & { seq: number; hash: string; prev_hash: string };
async function walk(path: string, as = token, between?: () => Promise<unknown>) {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const answer = await api('GET', `${path}${path.includes('?') ? '&' : '?'}${cursor ? `cursor=${cursor}` : ''}`, {
      token: as,
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    out.push(...(answer.json!.data as Event[]));
    if (!cursor) await between?.();
    cursor = answer.json!.next_cursor as string | null;
  } while (cursor);
  return out;
}

describe('audit events', () => {
  it('pages newest first by seq, each event once, while events are appended', async () => {
    const before = (await db.auditEvent.findMany({ orderBy: { seq: 'desc' }, select: { seq: true } })).map((e) =>
      Number(e.seq),
    );
    const seen = await walk('/audit-events?limit=3', token, () =>
      recordAccess(db, admin, { action: 'report.view.late', targetType: 'report', workspaceId: 'ws-a', diff: {} }),
    );
    expect(seen.map((e) => e.seq)).toEqual(before);
  });

  it('walked oldest first, each event’s hash recomputes from its fields and links to the one before', async () => {
    const events = await walk('/audit-events?order=asc&limit=4');
    expect(events.length).toBeGreaterThan(10);
    let prev = GENESIS;
    for (const [i, e] of events.entries()) {
      expect(e.seq).toBe(i + 1);
      expect(e.prev_hash).toBe(prev);
      const content = {
        seq: BigInt(e.seq),
        at: new Date(String(e.at)),
        actorId: e.actor_id as string | null,
        actorLabel: String(e.actor_label),
        role: e.role as string | null,
        action: String(e.action),
        targetType: String(e.target_type),
        targetId: e.target_id as string | null,
        workspaceId: e.workspace_id as string | null,
        diff: e.diff,
        requestId: e.request_id as string | null,
        sourceIp: e.source_ip as string | null,
        prevHash: e.prev_hash,
      };
      expect(hashEvent(content), `event ${e.seq}`).toBe(e.hash);
      prev = e.hash;
    }
    const last = events.at(-5)!.seq;
    const newer = await walk(`/audit-events?order=asc&after_seq=${last}`);
    expect(newer.slice(0, 4).map((e) => e.seq)).toEqual(events.slice(-4).map((e) => e.seq));
    expect(newer.every((e) => e.seq > last)).toBe(true);
  });

  it('filters by actor, action prefix, target and UTC day, as the Audit log page does', async () => {
    const byActor = await walk('/audit-events?actor=VIEWER-3');
    expect(byActor.map((e) => e.actor_label)).toEqual(['viewer-3@example.com', 'viewer-3@example.com']);
    const byAction = await walk('/audit-events?action=report.view.ws-b');
    expect(byAction).toHaveLength(5);
    expect(byAction.every((e) => e.workspace_id === 'ws-b')).toBe(true);
    expect((await walk('/audit-events?target=r-2')).map((e) => e.target_id)).toEqual(['r-2', 'r-2']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await walk(`/audit-events?action=report.view.ws-a&from=${today}&to=${today}`)).length).toBe(5);
    expect(await walk('/audit-events?action=report.view.ws-a&to=2020-01-01')).toEqual([]);
    for (const day of ['2026-13-45', '2026-02-30']) {
      const bad = await api('GET', `/audit-events?from=${day}`, { token });
      expect(bad.status).toBe(400);
      expect(bad.json!.errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
    }
  });

  it('shows a token of one workspace only that workspace’s events; another workspace is not found', async () => {
    const scoped = (await makeToken(db, 'auditor', 'ws-a')).token;
    const mine = await walk('/audit-events?limit=50', scoped);
    const expected = await db.auditEvent.count({ where: { workspaceId: 'ws-a' } });
    expect(mine).toHaveLength(expected);
    expect(new Set(mine.map((e) => e.workspace_id))).toEqual(new Set(['ws-a']));
    expect((await api('GET', '/audit-events?ws=ws-b', { token: scoped })).status).toBe(404);
    expect((await api('GET', '/audit-events?ws=ws-a', { token: scoped })).status).toBe(200);
    const onlyB = await walk('/audit-events?ws=ws-b');
    expect(onlyB.length).toBeGreaterThan(5);
    expect(new Set(onlyB.map((e) => e.workspace_id))).toEqual(new Set(['ws-b']));
    expect((await api('GET', '/audit-events?ws=ws-nope', { token })).status).toBe(404);
  });

  it('gives the signed heads, each verifying with its public key over an event the log answers', async () => {
    const key = loadSigningKey(mkdtempSync(path.join(os.tmpdir(), 'tollgate-api-audit-')));
    await signAuditHead(db, key, 'test', { force: true });
    await recordAccess(db, admin, { action: 'report.view.after', targetType: 'report', workspaceId: 'ws-a', diff: {} });
    const signed = await signAuditHead(db, key, 'test', { force: true });
    const answer = await api('GET', '/audit-signatures?limit=1', { token });
    expect(answer.status).toBe(200);
    const [head] = answer.json!.data as { seq: number; hash: string; signature: string; public_key: string }[];
    expect(head).toMatchObject({ id: signed.id, seq: Number(signed.seq), key_id: key.keyId, reason: 'test' });
    expect(verifyHeadSignature(head!.public_key, BigInt(head!.seq), head!.hash, head!.signature)).toBe(true);
    expect(verifyHeadSignature(head!.public_key, BigInt(head!.seq - 1), head!.hash, head!.signature)).toBe(false);
    const events = await walk(`/audit-events?order=asc&after_seq=${head!.seq - 1}&limit=1`);
    expect(events[0]).toMatchObject({ seq: head!.seq, hash: head!.hash });
    const older = await api('GET', `/audit-signatures?limit=1&cursor=${answer.json!.next_cursor}`, { token });
    expect((older.json!.data as { seq: number }[])[0]!.seq).toBeLessThan(head!.seq);
    const scoped = (await makeToken(db, 'auditor', 'ws-a')).token;
    expect((await api('GET', '/audit-signatures', { token: scoped })).status).toBe(403);
  });
});
