// The audit chain's head is signed once per hour across instances (issue 20, item 6): the hourly signing is a
// scheduled job like the others (one job a period, whichever instance runs it), and two signers meeting (two
// instances starting together, the hour's job and an export) never sign the same head twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { tmp } from '@/lib/evidence/pack.fixture.ts';
import { createTestDatabase } from '@/test/db.ts';
import { AUDIT_SIGN_EVERY, AUDIT_SIGN_QUEUE, JOBS_POOL_MAX, type Jobs, startJobs } from './scheduler.ts';

let url: string;
const clients: Db[] = [];
const instances: Jobs[] = [];
const key = loadSigningKey(tmp('audit-sign'), {});
const runs: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('auditsign');
  for (const name of ['a', 'b']) {
    const db = createDb(url);
    clients.push(db);
    const auditSign = async () => {
      runs.push(name);
      await signAuditHead(db, key, 'daily');
    };
    instances.push(await startJobs(url, { pull: async () => {}, auditSign }, { pollingIntervalSeconds: 0.5 }));
  }
});
afterAll(async () => {
  for (const jobs of instances) await jobs.stop();
  for (const db of clients) await db.$disconnect();
});

const moveHead = (db: Db, n: number) =>
  db.$transaction((tx) =>
    recordAudit(tx, SYSTEM_ACTOR, { action: 'settings.update', targetType: 'workspace', targetId: `ws-${n}` }),
  );
const signaturesOfHead = async (db: Db) => {
  const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
  return db.auditSignature.count({ where: { seq: head.seq, hash: head.hash } });
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the audit head signing across instances', () => {
  it('signs a moved head once when several signers meet', async () => {
    for (let round = 0; round < 4; round++) {
      await moveHead(clients[0]!, round);
      await Promise.all(clients.flatMap((db) => [signAuditHead(db, key, 'daily'), signAuditHead(db, key, 'daily')]));
      expect(await signaturesOfHead(clients[0]!), `round ${round}`).toBe(1);
    }
  });

  it('is one hourly schedule, and an hour’s tick runs on one instance only', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const schedules = await client.query(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [AUDIT_SIGN_QUEUE]);
      expect(schedules.rows).toEqual([{ cron: AUDIT_SIGN_EVERY }]);
      await moveHead(clients[0]!, 100);
      // Both instances' clocks reach the hour: the queue holds one job (stately), one instance runs it.
      const sent = await Promise.all(instances.map((jobs) => jobs.boss.send(AUDIT_SIGN_QUEUE, {})));
      expect(sent.filter(Boolean)).toHaveLength(1);
      for (let i = 0; i < 100 && runs.length === 0; i++) await sleep(100);
      await sleep(1500); // long enough for the other instance to poll too
      expect(runs).toHaveLength(1);
      expect(await signaturesOfHead(clients[0]!)).toBe(1);
      // pg-boss's own pool stays within its size on each instance (this file's database: other files run beside it).
      const pools = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name = 'tollgate-jobs' AND datname = current_database()`,
      );
      expect(pools.rows[0]!.n).toBeLessThanOrEqual(instances.length * JOBS_POOL_MAX);
    } finally {
      await client.end();
    }
  });
});
