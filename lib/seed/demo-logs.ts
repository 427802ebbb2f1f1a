// The demo's Compliance Logs, delivered as the platform does: a file at a time, each holding what happened
// since the previous one, through the same pipeline as an upload.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '@/lib/db.ts';
import { ingestAndApply } from '@/lib/logs/pipeline.ts';
import { demoActivity } from './demo-activity.ts';

export type LogFeed = { deliverUntil(at: Date): Promise<void>; close(): Promise<void> };

export async function openLogFeed(
  db: Db,
  url: string,
  principal: string,
  now: Date,
  startedBy: string,
): Promise<LogFeed> {
  const pending = demoActivity(principal, now)
    .map((line) => ({ line, at: Date.parse((JSON.parse(line) as { timestamp: string }).timestamp) }))
    .sort((a, b) => a.at - b.at);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-demo-'));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let files = 0;
  return {
    async deliverUntil(at) {
      const due = pending.findIndex((p) => p.at > at.getTime());
      const batch = pending.splice(0, due === -1 ? pending.length : due);
      if (!batch.length) return;
      const name = `acme-prod-custom-agents-log-${String(++files).padStart(3, '0')}.jsonl`;
      const file = path.join(dir, name);
      await writeFile(file, `${batch.map((p) => p.line).join('\n')}\n`);
      await ingestAndApply(client, db, file, { source: 'upload', name, startedBy });
    },
    async close() {
      await client.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
