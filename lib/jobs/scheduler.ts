// Background jobs on a PostgreSQL-backed queue (pg-boss 10, schema "pgboss"): several Tollgate instances
// may run this; the schedule is stored once, each tick creates one job, and the queue's "stately" policy
// keeps at most one pull queued and one running, so no two instances ever pull at the same time.
import PgBoss from 'pg-boss';
import { logger } from '../log.ts';

export const PULL_QUEUE = 'compliance-pull';
export const PULL_EVERY = '*/15 * * * *';

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };
export type JobHandlers = { pull: () => Promise<void> };

export async function startJobs(url: string, handlers: JobHandlers, options: { cron?: string; pollingIntervalSeconds?: number } = {}): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', application_name: 'tollgate-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  if (!(await boss.getQueue(PULL_QUEUE))) {
    try {
      await boss.createQueue(PULL_QUEUE, { name: PULL_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 30 * 60 });
    } catch (error) {
      if (!(await boss.getQueue(PULL_QUEUE))) throw error; // another instance created it first: fine
    }
  }
  await boss.schedule(PULL_QUEUE, options.cron ?? PULL_EVERY, {}, { tz: 'UTC' });
  await boss.work(PULL_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
    await handlers.pull();
  });
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
