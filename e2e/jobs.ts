// Runs one of the e2e server's scheduled jobs now instead of at its next cron tick: the test queues it in the
// server's own pg-boss queue (as the schedule would), and the server's worker runs it within its polling interval.
// The server's embedded PostgreSQL is found as the CLI finds it: through its data dir (lib/db/embedded.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { findRunningEmbedded } from '@/lib/db/embedded.ts';

export async function runJobNow(queue: string): Promise<void> {
  // As playwright.config.ts names the server's data dir.
  const dataDir = path.resolve('.test-data', `e2e-${Number(process.env.E2E_PORT ?? 3210)}`);
  const { pgPassword } = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  const running = await findRunningEmbedded({ dataDir, password: pgPassword });
  if (!running) throw new Error(`no e2e server's PostgreSQL runs on ${dataDir}`);
  // Only a sender: no maintenance, no schedules, no migrations of its own (the server owns those).
  const boss = new PgBoss({
    connectionString: running.url,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
    migrate: false,
    max: 1,
  });
  await boss.start();
  try {
    await boss.send(queue, {});
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
