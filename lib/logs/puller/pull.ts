// One pull of a workspace's Compliance Logs: for each log type, page through the list from its checkpoint,
// download each file not yet stored, store it exactly once, and advance the checkpoint only after the
// page's files are committed. An empty page (last_end_time null) keeps the cursor. A file the list
// re-returns (its boundary record) is recognised by name and not downloaded again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { ingestFile } from '@/lib/logs/store.ts';
import { DEFAULT_RETRY, downloadLog, listLogs, type ApiSettings, type RetryPolicy } from './client.ts';
import { checksumText } from './definition.ts';

export type PullOptions = {
  workspaceId: string;
  settings: ApiSettings;
  logTypes: string[];
  limit?: number;
  retry?: RetryPolicy;
  now?: () => Date;
  onFileStored?: (fileId: string) => Promise<unknown>;
};
export type TypeOutcome = {
  logType: string;
  pages: number;
  files: number;
  skipped: number;
  inserted: number;
  duplicates: number;
  after: string | null;
  error: string | null;
};

export async function pullWorkspace(client: pg.ClientBase, options: PullOptions): Promise<TypeOutcome[]> {
  const outcomes: TypeOutcome[] = [];
  for (const logType of options.logTypes) outcomes.push(await pullType(client, options, logType));
  return outcomes;
}

async function pullType(client: pg.ClientBase, options: PullOptions, logType: string): Promise<TypeOutcome> {
  const now = options.now ?? (() => new Date());
  const outcome: TypeOutcome = {
    logType,
    pages: 0,
    files: 0,
    skipped: 0,
    inserted: 0,
    duplicates: 0,
    after: await checkpoint(client, options.workspaceId, logType),
    error: null,
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tollgate-pull-'));
  try {
    for (let hasMore = true; hasMore; ) {
      const page = await listLogs(
        options.settings,
        { eventType: logType, after: outcome.after, limit: options.limit ?? 100 },
        options.retry ?? DEFAULT_RETRY,
      );
      outcome.pages++;
      const window = { after: outcome.after, files: 0, inserted: 0 };
      for (const id of page.ids) {
        const name = `compliance-api/${options.settings.principal}/${logType}/${id}`;
        if (await alreadyStored(client, name)) {
          outcome.skipped++;
          continue;
        }
        const file = path.join(dir, `${outcome.files}.jsonl`);
        // A file whose checksum does not match is refused here (ChecksumError): the type's pull stops, the cursor
        // stays, and the next pull asks for the file again.
        const { checksum } = await downloadLog(options.settings, id, file, options.retry ?? DEFAULT_RETRY);
        const stored = await ingestFile(client, file, {
          source: 'puller',
          name,
          startedBy: 'puller',
          platform: { fileId: id, checksum: checksum ? checksumText(checksum) : null },
        });
        await rm(file, { force: true });
        if (stored.error) throw new Error(stored.error);
        await options.onFileStored?.(stored.fileId);
        outcome.files++;
        window.files++;
        window.inserted += stored.inserted;
        outcome.inserted += stored.inserted;
        outcome.duplicates += stored.duplicates;
      }
      if (page.lastEndTime !== null) outcome.after = page.lastEndTime;
      const at = now();
      await client.query(
        `INSERT INTO "PullWindow" ("workspaceId", "logType", after, until, files, inserted, "pulledAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [options.workspaceId, logType, window.after, page.lastEndTime, window.files, window.inserted, at],
      );
      await saveCheckpoint(client, options.workspaceId, logType, { after: outcome.after, at, error: null });
      hasMore = page.hasMore && page.lastEndTime !== null;
    }
  } catch (error) {
    outcome.error = (error as Error).message;
    await saveCheckpoint(client, options.workspaceId, logType, { after: null, at: now(), error: outcome.error });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return outcome;
}

async function checkpoint(client: pg.ClientBase, workspaceId: string, logType: string): Promise<string | null> {
  const { rows } = await client.query<{ after: string | null }>(
    `SELECT after FROM "PullCheckpoint" WHERE "workspaceId" = $1 AND "logType" = $2`,
    [workspaceId, logType],
  );
  return rows[0]?.after ?? null;
}

async function alreadyStored(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM "LogFile" WHERE name = $1 AND source = 'puller' AND status IN ('complete', 'repeat') LIMIT 1`,
    [name],
  );
  return rows.length > 0;
}

/** A success moves the cursor (when `after` is given) and clears failures; a failure keeps the cursor. */
async function saveCheckpoint(
  client: pg.ClientBase,
  workspaceId: string,
  logType: string,
  s: { after: string | null; at: Date; error: string | null },
) {
  if (s.error === null) {
    await client.query(
      `INSERT INTO "PullCheckpoint" ("workspaceId", "logType", after, "lastPullAt", "lastSuccessAt", failures)
       VALUES ($1, $2, $3, $4, $4, 0)
       ON CONFLICT ("workspaceId", "logType") DO UPDATE
       SET after = COALESCE(EXCLUDED.after, "PullCheckpoint".after), "lastPullAt" = $4, "lastSuccessAt" = $4,
       "lastError" = NULL, failures = 0`,
      [workspaceId, logType, s.after, s.at],
    );
  } else {
    await client.query(
      `INSERT INTO "PullCheckpoint" ("workspaceId", "logType", "lastPullAt", "lastError", failures)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT ("workspaceId", "logType") DO UPDATE
       SET "lastPullAt" = $3, "lastError" = $4, failures = "PullCheckpoint".failures + 1`,
      [workspaceId, logType, s.at, s.error],
    );
  }
}
