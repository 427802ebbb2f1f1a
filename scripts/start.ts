// `npm start`: embedded PostgreSQL (unless DATABASE_URL), migrations, demo seed, demo identity
// provider (unless OIDC_ISSUER), a production build when sources changed, then `next start`.
// This process owns the embedded server and stops it cleanly on Ctrl-C / SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { prepareRuntime } from './runtime.ts';
import { ensureBuild } from './build.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { pruneApiState } from '@/lib/api/housekeeping.ts';
import { pruneWebhookLog } from '@/lib/webhooks/retention.ts';
import { pruneImportStages } from '@/lib/agents/import/stage.ts';
import { PULL_QUEUE, startJobs, type Jobs } from '@/lib/jobs/scheduler.ts';
import { pullAllSources } from '@/lib/logs/puller/pull-all.ts';
import { deliverDue } from '@/lib/webhooks/deliver.ts';
import { createDb } from '@/lib/db.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { purgeContent } from '@/lib/logs/retention.ts';
import { maintainPartitions, parseEventRetention } from '@/lib/logs/partitions.ts';
import { sendExceptionNotices } from '@/lib/exceptions/notices.ts';
import { snapshotAll } from '@/lib/posture/snapshot.ts';
import { readAllGptSources } from '@/lib/gpts/jobs.ts';
import { runCampaignLifecycle } from '@/lib/campaigns/service.ts';
import { sendCampaignNotices } from '@/lib/campaigns/notices.ts';
import { runDueActions } from '@/lib/platform/executor.ts';
import { awaitingLogs } from '@/lib/platform/follow-up.ts';
import { expireActions } from '@/lib/platform/service.ts';

let child: ChildProcess | null = null;
let shutdown: (() => Promise<void>) | null = null;
let jobs: Jobs | null = null;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  await jobs?.stop();
  await shutdown?.();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const runtime = await prepareRuntime();
  shutdown = runtime.close;
  await ensureBuild();
  if (stopping) await new Promise(() => {});
  // The 15-minute Compliance Logs pull; several instances share one queue in PostgreSQL. pg-boss and the pull's
  // ingestion hold session state, so they connect directly; the jobs' Prisma client may go through the pooler.
  const { DATABASE_URL: url, DIRECT_DATABASE_URL: directUrl, TOLLGATE_SECRET_KEY: secretKey } = runtime.childEnv;
  const jobDb = createDb(url!);
  const signingKey = loadSigningKey(runtime.childEnv.TOLLGATE_DATA_DIR!, runtime.childEnv);
  // A wrong value stops the start (decision 0032): not the nightly job, after events were kept or dropped.
  const eventRetentionDays = parseEventRetention(process.env.TOLLGATE_EVENT_RETENTION_DAYS);
  jobs = await startJobs(directUrl!, {
    pull: async () => void (await pullAllSources(directUrl!, secretKey!)),
    deliver: async () => void (await deliverDue(jobDb, secretKey!, { appUrl: runtime.config.appUrl })),
    partitions: async () => void (await maintainPartitions(jobDb, SYSTEM_ACTOR, { eventRetentionDays })),
    purge: async () => {
      await purgeContent(jobDb, SYSTEM_ACTOR);
      await pruneApiState(jobDb);
      await pruneWebhookLog(jobDb);
      await pruneImportStages(jobDb);
    },
    notices: async () => void (await sendExceptionNotices(jobDb, secretKey!, { appUrl: runtime.config.appUrl })),
    postureChange: async () => void (await snapshotAll(jobDb, 'change')),
    postureDaily: async () => void (await snapshotAll(jobDb, 'daily')),
    gptRead: async () => void (await readAllGptSources(jobDb, secretKey!)),
    campaigns: async () => {
      await runCampaignLifecycle(jobDb);
      await sendCampaignNotices(jobDb, secretKey!, { appUrl: runtime.config.appUrl });
    },
    platformActions: async () => {
      await expireActions(jobDb);
      await runDueActions(jobDb, { secretKey: secretKey! });
      // An answered action waits for its log event: pull now rather than at the next quarter hour.
      if (await awaitingLogs(jobDb)) await jobs?.boss.send(PULL_QUEUE, {});
    },
    // Hourly when the head moved, at least daily: one job an hour whichever instance runs it.
    auditSign: async () => void (await signAuditHead(jobDb, signingKey, 'daily')),
  });
  const nextBin = 'node_modules/next/dist/bin/next';
  const dev = process.env.TOLLGATE_DEV === '1';
  child = spawn(
    process.execPath,
    [
      nextBin,
      dev ? 'dev' : 'start',
      '-p',
      String(runtime.config.port),
      '-H',
      runtime.config.host === 'localhost' ? '127.0.0.1' : runtime.config.host,
    ],
    {
      stdio: 'inherit',
      env: runtime.childEnv,
    },
  );
  child.once('exit', (code) => void stop(code ?? 1));
  const demo = runtime.config.demoMode ? ' (demo sign-in: anyone can sign in as any role)' : '';
  console.log(`Tollgate is starting on ${runtime.config.appUrl}${demo}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Tollgate cannot start — ${error.message}.`);
  } else {
    console.error(`Tollgate cannot start: ${(error as Error).message}`);
  }
  await shutdown?.();
  process.exit(1);
}
