// The app's Prisma client through PgBouncer in transaction mode (test/pgbouncer.ts), squeezed onto two server
// connections: many concurrent transactions, each taking an advisory transaction lock (the audit chain's), keep
// the chain whole; while a session advisory lock taken through the pooler is shared by whoever lands on the same
// server connection — the reason migrations, pg-boss and ingestion use DIRECT_DATABASE_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { verifyAuditChain } from '@/lib/audit/verify.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { type Bouncer, findPgbouncer, PGBOUNCER_MISSING, startPgbouncer } from '@/test/pgbouncer.ts';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// CI installs it (.ci/run); elsewhere the suite says so rather than failing on a missing package.
const present = findPgbouncer() !== null || process.env.CI === 'true';
if (!present) console.warn(`test/pgbouncer.integration.test.ts skipped: ${PGBOUNCER_MISSING}`);

let bouncer: Bouncer;
let direct: string;
const clients: Db[] = [];

beforeAll(async () => {
  if (!present) return;
  direct = await createTestDatabase('bouncer');
  bouncer = await startPgbouncer(direct, { poolSize: 2 });
});

afterAll(async () => {
  for (const db of clients) await db.$disconnect();
  await bouncer?.stop();
});

describe.runIf(present)('PgBouncer in transaction mode', () => {
  it('carries two Prisma clients writing the audit chain concurrently; the chain verifies whole', async () => {
    const a = createDb(bouncer.url);
    const b = createDb(bouncer.url);
    clients.push(a, b);
    const before = await a.auditEvent.count();
    const writes = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).$transaction(
        async (tx) => {
          await recordAudit(tx, SYSTEM_ACTOR, { action: 'test.bouncer', targetType: 'test', targetId: String(i) });
          // A parameterised read in the same transaction: unnamed statements, so any server connection serves it.
          return tx.auditEvent.count({ where: { targetType: 'test', targetId: String(i) } });
          // Forty transactions queue for PgBouncer's two server connections: on a loaded machine the last waits longer
          // than Prisma's default 2 s to start. The test is about the chain, not the wait.
        },
        { maxWait: 60_000, timeout: 60_000 },
      ),
    );
    expect(await Promise.all(writes)).toEqual(Array(40).fill(1));
    expect(await b.auditEvent.count()).toBe(before + 40);
    const key = loadSigningKey(mkdtempSync(path.join(os.tmpdir(), 'bouncer-key-')), {});
    const verdict = await verifyAuditChain(a, key.publicKeyPem);
    expect(verdict.ok, verdict.message).toBe(true);
  });

  it('shares a session advisory lock between clients on one server connection: session state goes direct', async () => {
    const bouncer1 = await startPgbouncer(direct, { poolSize: 1 });
    const holder = new pg.Client(bouncer1.url);
    const other = new pg.Client(bouncer1.url);
    const straight = new pg.Client(direct);
    try {
      await Promise.all([holder.connect(), other.connect(), straight.connect()]);
      await holder.query('SELECT pg_advisory_lock(424242)');
      // Through the pooler the "other" client is the same session: it gets the lock a second holder must not get.
      const through = await other.query<{ got: boolean }>('SELECT pg_try_advisory_lock(424242) AS got');
      expect(through.rows[0]!.got).toBe(true);
      // A direct session is told the truth.
      const real = await straight.query<{ got: boolean }>('SELECT pg_try_advisory_lock(424242) AS got');
      expect(real.rows[0]!.got).toBe(false);
    } finally {
      for (const c of [holder, other, straight]) await c.end().catch(() => {});
      await bouncer1.stop();
    }
  });
});
