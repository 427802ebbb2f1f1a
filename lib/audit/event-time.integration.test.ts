// An event's time against a real PostgreSQL: the caller's time (its record's own) is kept, but never before the
// chain's last event or a signed head, never in the future — so times never go back along the sequence, and no
// caller (a request least of all) can slip an event into a past that evidence or a signature already covers.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { recordAudit } from './record.ts';
import { signAuditHead } from './sign-head.ts';
import { loadSigningKey, type SigningKey } from './signing.ts';
import { verifyAuditChain } from './verify.ts';

let db: Db;
let key: SigningKey;
let dataDir: string;
const actor = { id: null, label: 'system', role: null };
const record = (action: string, at?: Date) =>
  db.$transaction((tx) => recordAudit(tx, actor, { action, targetType: 'test', ...(at ? { at } : {}) }));

beforeAll(async () => {
  db = createDb(await createTestDatabase('audit_time'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tg-audit-time-'));
  key = loadSigningKey(dataDir, {});
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audit event times', () => {
  it('keeps a past time in order, holds it at the head and at a signed head, and never writes the future', async () => {
    // A head signed while the chain was empty vouches for no event: history may still be written before it.
    await signAuditHead(db, key, 'start');
    const first = await record('test.first', new Date('2026-10-01T09:00:00Z'));
    expect(first.at).toEqual(new Date('2026-10-01T09:00:00Z'));
    const earlier = await record('test.earlier', new Date('2026-09-01T09:00:00Z'));
    expect(earlier.at).toEqual(first.at);

    const signed = await signAuditHead(db, key, 'test', { force: true });
    const afterSigning = await record('test.after-signing', new Date('2026-10-05T09:00:00Z'));
    expect(afterSigning.at).toEqual(signed.signedAt);

    const future = await record('test.future', new Date('2099-01-01T00:00:00Z'));
    expect(future.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(future.at.getTime()).toBeGreaterThanOrEqual(afterSigning.at.getTime());
    const plain = await record('test.plain');
    expect(plain.at.getTime()).toBeGreaterThanOrEqual(future.at.getTime());

    const events = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at)).toBe(true);
    expect(await verifyAuditChain(db, key.publicKeyPem)).toMatchObject({ ok: true, count: 5 });
    expect(await verifyAuditChain(db, key.publicKeyPem, { before: new Date('2026-10-02T00:00:00Z') })).toMatchObject({
      ok: true,
      count: 2,
    });
  });

  it('takes no time from a request: route handlers and server actions never pass one to the audit log', () => {
    const files = [
      ...readdirSync('app', { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join('app', f)),
      ...readdirSync('lib', { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('actions.ts'))
        .map((f) => path.join('lib', f)),
    ];
    expect(files.length).toBeGreaterThan(20);
    const timed = files.filter((f) => /recordAudit\([^;]*\bat\s*:/s.test(readFileSync(f, 'utf8')));
    expect(timed).toEqual([]);
  });
});
