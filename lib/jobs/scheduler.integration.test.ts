// Two Tollgate instances on one database: the pull is scheduled once and a pull job runs on one only.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { PULL_QUEUE, startJobs, type Jobs } from './scheduler.ts';

let url: string;
const instances: Jobs[] = [];
const runs: string[] = [];

beforeAll(async () => {
  url = await createTestDatabase('jobs');
  for (const name of ['a', 'b']) {
    instances.push(
      await startJobs(
        url,
        {
          pull: async () => {
            runs.push(name);
            await new Promise((r) => setTimeout(r, 300));
          },
        },
        { pollingIntervalSeconds: 0.5 },
      ),
    );
  }
});
afterAll(async () => {
  for (const jobs of instances) await jobs.stop();
});

describe('scheduled jobs', () => {
  it('stores the 15-minute pull schedule once for several instances and runs each pull job exactly once', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const schedules = await client.query(`SELECT name, cron FROM pgboss.schedule`);
    expect(schedules.rows).toEqual([{ name: PULL_QUEUE, cron: '*/15 * * * *' }]);

    const id = await instances[0]!.boss.send(PULL_QUEUE, {});
    expect(id).toBeTruthy();
    // A second request while one is already queued is folded into it (stately queue).
    expect(await instances[1]!.boss.send(PULL_QUEUE, {})).toBeNull();
    for (let i = 0; i < 100 && runs.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 20; i++) {
      const job = await instances[0]!.boss.getJobById(PULL_QUEUE, id!);
      if (job?.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500)); // long enough for the other instance to poll too
    expect(runs).toHaveLength(1);
    await client.end();
  });
});
