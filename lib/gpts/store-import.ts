// GPT files an admin saved from the Compliance API, stored like a scheduled read (air-gapped installs:
// `tollgate gpts import FILE…`, later the Sources upload): read through the offline reader (lib/gpts/offline.ts),
// a batch at a time, exactly once. A refused object is a read issue named after its file; the others are stored.
import path from 'node:path';
import type { Db } from '@/lib/db.ts';
import { adaptGpt, type SchemaCache } from '@/lib/gpts/adapter.ts';
import { type OfflineItem, readGptFile } from '@/lib/gpts/offline.ts';
import type { ObjectProblem } from '@/lib/gpts/platform/parse.ts';
import { finishGptRead, type ReadTotals, recordReadIssues, startGptRead } from './store-runs.ts';
import { type GptToStore, markUnlistedGpts, storeGpts } from './store.ts';

const BATCH = 100;
/** Where the offline reader names an object that has no readable id of its own ("line 4", "item 2", …). */
const UNNAMED = /^(line \d+|item \d+|\(file\)|the object)/;

export type FileImportResult = { runId: string; totals: ReadTotals; issues: ObjectProblem[] };

/** `complete`: the files hold every GPT of the workspace, so GPTs they do not list are marked not listed.
 *  `read`: where the objects come from (a test passes its own). */
export async function importGptFiles(
  db: Db,
  workspaceId: string,
  files: string[],
  options: { complete?: boolean; now?: Date; read?: (file: string) => AsyncIterable<OfflineItem> } = {},
): Promise<FileImportResult> {
  const now = options.now ?? new Date();
  const names = files.map((f) => path.basename(f));
  const runId = await startGptRead(db, workspaceId, 'file', names.join(', '), now);
  const totals: ReadTotals = { listed: 0, created: 0, changed: 0, unchanged: 0, missing: 0 };
  const issues: ObjectProblem[] = [];
  const listed = new Set<string>();
  let unnamed = 0;
  const cache: SchemaCache = new Map();
  let batch: GptToStore[] = [];
  let problems: ObjectProblem[] = [];
  const flush = async () => {
    const stored = await storeGpts(db, workspaceId, batch, { source: 'file', now });
    totals.created += stored.created;
    totals.changed += stored.changed;
    totals.unchanged += stored.unchanged;
    problems.push(...stored.refused);
    await recordReadIssues(db, workspaceId, runId, problems, now);
    issues.push(...problems);
    batch = [];
    problems = [];
  };
  try {
    for (const [i, file] of files.entries()) {
      for await (const item of (options.read ?? readGptFile)(file)) {
        if (!item.ok) {
          listed.add(item.problem.id);
          if (UNNAMED.test(item.problem.id)) unnamed++;
          problems.push({ ...item.problem, id: `${names[i]}: ${item.problem.id}` });
          continue;
        }
        listed.add(item.bundle.gpt.id);
        totals.listed++;
        batch.push({ adapted: await adaptGpt(item.bundle, cache) });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
  } catch (error) {
    await finishGptRead(db, runId, totals, { complete: false, error: 'a file could not be read to the end' }, now);
    throw error;
  }
  // A refused object without a readable id may be any GPT: then no GPT can be said to be gone.
  const complete = Boolean(options.complete) && unnamed === 0;
  if (complete) totals.missing = await markUnlistedGpts(db, workspaceId, listed, now);
  const error =
    options.complete && !complete
      ? `${unnamed} refused object(s) have no readable id, so GPTs the files do not list were not marked`
      : null;
  await finishGptRead(db, runId, totals, { complete, error }, now);
  return { runId, totals, issues };
}
