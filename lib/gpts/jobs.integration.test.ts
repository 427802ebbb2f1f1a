// The scheduled GPT read: a pg-boss queue on the log pull's schedule that runs one read at a time across
// instances, and the job's body, which reads every workspace's Compliance API source with the puller's key.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { GPT_READ_EXPIRE_SECONDS, GPT_READ_QUEUE, type Jobs, PULL_EVERY, startJobs } from '@/lib/jobs/scheduler.ts';
import { saveComplianceSource } from '@/lib/logs/sources.ts';
import { demoGpts } from '@/lib/platform-sim/demo-gpts.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { readAllGptSources } from './jobs.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const SECRET = 'a-test-secret-key-of-enough-length-0123456789';
const DEMO = demoGpts(new Date('2026-12-01T12:00:00Z')).slice(0, 5);
let url: string;
let db: Db;
let sim: PlatformSim;
const instances: Jobs[] = [];
const runs: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('gpt_jobs');
  db = createDb(url);
  sim = await startPlatformSim({ principal: 'ws-jobs-p', apiKey: 'sk-jobs', source: arraySource(DEMO) });
  await createWorkspace(db, actor, { id: 'ws-jobs', name: 'ws-jobs', kind: 'workspace', principal: 'ws-jobs-p' });
  await createWorkspace(db, actor, { id: 'ws-no-source', name: 'n', kind: 'workspace', principal: 'ws-other-p' });
  const source = { baseUrl: sim.url, logTypes: ['CUSTOM_AGENTS_LOG'], enabled: true, apiKey: 'sk-jobs' };
  await saveComplianceSource(db, actor, 'ws-jobs', source, SECRET);
  for (const name of ['a', 'b'])
    instances.push(
      await startJobs(
        url,
        {
          pull: async () => {},
          gptRead: async () => {
            runs.push(name);
            await new Promise((r) => setTimeout(r, 300));
          },
        },
        { pollingIntervalSeconds: 0.5 },
      ),
    );
});
afterAll(async () => {
  for (const jobs of instances) await jobs.stop();
  await sim.close();
  await db.$disconnect();
});

describe('the scheduled GPT read', () => {
  it('reads every workspace with a Compliance API source, with its stored key', async () => {
    const results = await readAllGptSources(db, SECRET);
    expect(results.map((r) => r.workspaceId)).toEqual(['ws-jobs']);
    expect(results[0]!.result).toMatchObject({ error: null, totals: { created: DEMO.length } });
    expect(await db.agent.count({ where: { workspaceId: 'ws-jobs', kind: 'custom_gpt' } })).toBe(DEMO.length);
  });

  it('is scheduled once on the pull schedule for several instances, and each job runs exactly once', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const schedules = await client.query(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [GPT_READ_QUEUE]);
    expect(schedules.rows).toEqual([{ cron: PULL_EVERY }]);
    // The quarter hour's tick may have queued a read as this test began (stately: then the send below is refused):
    // stop the schedule, let any such job finish, and count from there.
    await instances[0]!.boss.unschedule(GPT_READ_QUEUE);
    const pending = `SELECT count(*)::int AS n FROM pgboss.job
      WHERE name = $1 AND state IN ('created', 'retry', 'active')`;
    for (let i = 0; i < 100 && (await client.query(pending, [GPT_READ_QUEUE])).rows[0].n > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    await client.end();
    const before = runs.length;
    // A first read under the platform's rate limit takes hours: its job outlives the other queues' 30 minutes.
    expect((await instances[0]!.boss.getQueue(GPT_READ_QUEUE))?.expireInSeconds).toBe(GPT_READ_EXPIRE_SECONDS);

    // Queued to start a second later, so no worker takes it before the second send: a job already active would
    // (rightly, stately) let another be queued, and the refusal below would depend on the workers' polling.
    const id = await instances[0]!.boss.send(GPT_READ_QUEUE, {}, { startAfter: 1 });
    expect(id).toBeTruthy();
    expect(await instances[1]!.boss.send(GPT_READ_QUEUE, {}, { startAfter: 1 })).toBeNull();
    for (let i = 0; i < 100 && runs.length === before; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs).toHaveLength(before + 1);
  });
});
