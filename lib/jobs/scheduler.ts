// Background jobs on a PostgreSQL-backed queue (pg-boss 10, schema "pgboss"): several Tollgate instances
// may run this; the schedule is stored once, each tick creates one job, and the queue's "stately" policy
// keeps at most one pull queued and one running, so no two instances ever pull at the same time.
import PgBoss from 'pg-boss';
import { logger } from '@/lib/log.ts';

export const PULL_QUEUE = 'compliance-pull';
export const PULL_EVERY = '*/15 * * * *';
/** Outgoing webhooks (alerts and every other event, lib/webhooks): due deliveries are sent every minute. */
export const DELIVER_QUEUE = 'alert-deliveries';
export const DELIVER_EVERY = '* * * * *';
/** Content retention: purge what is past its period, daily at 03:17 UTC. */
export const PURGE_QUEUE = 'content-purge';
export const PURGE_EVERY = '17 3 * * *';
/** Compliance Logs partitions (decision 0032): weeks and days ahead, stragglers out of the defaults, event retention;
 *  daily at 02:41 UTC, before the purge. */
export const PARTITIONS_QUEUE = 'log-partitions';
export const PARTITIONS_EVERY = '41 2 * * *';
/** CAB exceptions: announce review dates within 14 days and expiries, daily at 07:00 UTC. */
export const NOTICE_QUEUE = 'exception-notices';
export const NOTICE_EVERY = '0 7 * * *';

/** Posture (issue 7): a snapshot whenever a score moved, checked every 5 minutes, and one daily at 00:05 UTC. */
export const POSTURE_CHANGE_QUEUE = 'posture-change';
export const POSTURE_CHANGE_EVERY = '*/5 * * * *';
export const POSTURE_DAILY_QUEUE = 'posture-daily';
export const POSTURE_DAILY_EVERY = '5 0 * * *';

/** Access-review campaigns (issue 17): start scheduled ones, schedule recurrences, sync their findings, then ask
 *  owners, remind reviewers and escalate overdue campaigns; hourly at minute 23. */
export const CAMPAIGN_QUEUE = 'access-reviews';
export const CAMPAIGN_EVERY = '23 * * * *';

/** Custom GPTs (issue 17): read from the Compliance API on the pull's schedule, one read at a time. A tenant's first
 *  read under the platform's rate limit takes hours (decision 0023), so its job may run 12 h before it expires. */
export const GPT_READ_QUEUE = 'gpt-read';
export const GPT_READ_EVERY = PULL_EVERY;
export const GPT_READ_EXPIRE_SECONDS = 12 * 3600;

/** Platform actions (issue 18): send what is queued (route limits honoured) and lapse unapproved requests, every
 *  minute; one run waits at most RUN_BUDGET_MS for the limiter, so runs never pile up. */
export const PLATFORM_ACTIONS_QUEUE = 'platform-actions';
export const PLATFORM_ACTIONS_EVERY = '* * * * *';

/** The audit chain's head, signed hourly when it moved (and at least daily): one signature an hour across instances,
 *  where each instance's own timer signed on its own before. */
export const AUDIT_SIGN_QUEUE = 'audit-head-sign';
export const AUDIT_SIGN_EVERY = '11 * * * *';

/** pg-boss's own pool per instance (it polls and completes jobs; the handlers use their own clients). With pg-boss's
 *  default of 10, N instances × (dashboard 10 + jobs 20 + pg-boss 10 + pack worker 3 + rate limiters 6) outgrew small
 *  managed servers; README "Running more than one instance" adds it up. */
export const JOBS_POOL_MAX = 4;

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };
type Handler = () => Promise<void>;
export type JobHandlers = {
  pull: Handler;
  deliver?: Handler;
  purge?: Handler;
  partitions?: Handler;
  notices?: Handler;
  postureChange?: Handler;
  postureDaily?: Handler;
  gptRead?: Handler;
  campaigns?: Handler;
  platformActions?: Handler;
  auditSign?: Handler;
};

type OptionalJob = {
  handler: Exclude<keyof JobHandlers, 'pull'>;
  queue: string;
  every: string;
  poll: boolean;
  expireInSeconds?: number;
};

const OPTIONAL: OptionalJob[] = [
  { handler: 'deliver', queue: DELIVER_QUEUE, every: DELIVER_EVERY, poll: true },
  { handler: 'purge', queue: PURGE_QUEUE, every: PURGE_EVERY, poll: false },
  { handler: 'partitions', queue: PARTITIONS_QUEUE, every: PARTITIONS_EVERY, poll: false },
  { handler: 'notices', queue: NOTICE_QUEUE, every: NOTICE_EVERY, poll: false },
  { handler: 'postureChange', queue: POSTURE_CHANGE_QUEUE, every: POSTURE_CHANGE_EVERY, poll: true },
  { handler: 'postureDaily', queue: POSTURE_DAILY_QUEUE, every: POSTURE_DAILY_EVERY, poll: false },
  {
    handler: 'gptRead',
    queue: GPT_READ_QUEUE,
    every: GPT_READ_EVERY,
    poll: true,
    expireInSeconds: GPT_READ_EXPIRE_SECONDS,
  },
  { handler: 'campaigns', queue: CAMPAIGN_QUEUE, every: CAMPAIGN_EVERY, poll: false },
  { handler: 'platformActions', queue: PLATFORM_ACTIONS_QUEUE, every: PLATFORM_ACTIONS_EVERY, poll: true },
  { handler: 'auditSign', queue: AUDIT_SIGN_QUEUE, every: AUDIT_SIGN_EVERY, poll: false },
];

export async function startJobs(
  url: string,
  handlers: JobHandlers,
  options: { cron?: string; pollingIntervalSeconds?: number } = {},
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: 'tollgate-jobs',
    max: JOBS_POOL_MAX,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  await ensureQueue(boss, PULL_QUEUE);
  await boss.schedule(PULL_QUEUE, options.cron ?? PULL_EVERY, {}, { tz: 'UTC' });
  await boss.work(PULL_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
    await handlers.pull();
  });
  for (const job of OPTIONAL) {
    const run = handlers[job.handler];
    if (!run) continue;
    await ensureQueue(boss, job.queue, job.expireInSeconds);
    await boss.schedule(job.queue, job.every, {}, { tz: 'UTC' });
    await boss.work(
      job.queue,
      job.poll ? { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 } : {},
      async () => {
        await run();
      },
    );
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}

/** "stately": at most one job queued and one running, whatever the number of instances. */
async function ensureQueue(boss: PgBoss, name: string, expireInSeconds = 30 * 60) {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 0, expireInSeconds });
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error; // another instance created it first: fine
  }
}
