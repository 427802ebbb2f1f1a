// The scheduled read of a workspace's GPTs from the Compliance API (same base URL, key and principal as the log
// puller): the whole list, versions and shared users only for GPTs whose raw object changed since the last read,
// then store. A refused object becomes a GptReadIssue; only a failure of the list itself ends the read early.
import { ApiError, type ApiSettings } from '@/lib/logs/puller/client.ts';
import type { Db } from '@/lib/db.ts';
import { adaptGpt, type SchemaCache } from '@/lib/gpts/adapter.ts';
import type { ObjectProblem } from '@/lib/gpts/platform/parse.ts';
import { type ReadAllOptions, readWorkspaceGpts } from '@/lib/gpts/platform/read-all.ts';
import { finishGptRead, type ReadTotals, recordReadIssues, startGptRead } from './store-runs.ts';
import { GPT_KIND } from './queries.ts';
import { actionDocuments, keepParsedSchemas, seedSchemaCache } from './store-schemas.ts';
import { type GptToStore, markUnlistedGpts, rawSha256, storeGpts } from './store.ts';

/** Changed GPTs stored together: a later read changes a few in each page, and each store is a transaction that
 *  loads the workspace's classifier and writes every table; a first read still stores about a page at a time. */
const STORE_BATCH = 100;

export type GptReadResult = { runId: string; totals: ReadTotals; issues: number; error: string | null };

/** Raw hashes of the workspace's stored GPTs by GPT id (null: details still to read). */
export async function storedRawHashes(db: Db, workspaceId: string): Promise<Map<string, string | null>> {
  // In SQL: the client's relation load cost more than the rest of an unchanged GPT's read on a large tenant.
  const rows = await db.$queryRaw<{ externalId: string; rawSha256: string | null }[]>`
    SELECT a."externalId", s."rawSha256" FROM "Agent" a LEFT JOIN "GptState" s ON s."agentId" = a.id
    WHERE a."workspaceId" = ${workspaceId} AND a.kind = ${GPT_KIND}`;
  return new Map(rows.map((r) => [r.externalId, r.rawSha256]));
}

export async function readGptsFromApi(
  db: Db,
  workspaceId: string,
  settings: ApiSettings,
  options: Omit<ReadAllOptions, 'needsDetail' | 'unchanged'> & { now?: () => Date } = {},
): Promise<GptReadResult> {
  const now = options.now ?? (() => new Date());
  const runId = await startGptRead(db, workspaceId, 'api', null, now());
  const known = await storedRawHashes(db, workspaceId);
  const changed = (raw: { id: string }) => known.get(raw.id) !== rawSha256(raw);
  // A list item hashing as the stored object is that object (it passed every check when stored): skipped before
  // it is checked again, which is most of a later read's work. One too deep to hash goes the long way, refused.
  const unchanged = (item: unknown) => {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    const stored = typeof id === 'string' ? known.get(id) : undefined;
    if (!stored) return false;
    try {
      return rawSha256(item as object) === stored;
    } catch {
      return false;
    }
  };
  const totals: ReadTotals = { listed: 0, created: 0, changed: 0, unchanged: 0, missing: 0 };
  const listed = new Set<string>();
  const cache: SchemaCache = new Map();
  let issues = 0;
  let unnamed = 0;
  let error: string | null = null;
  let pending: GptToStore[] = [];
  const store = async () => {
    const stored = await storeGpts(db, workspaceId, pending, { source: 'api', now: now() });
    pending = [];
    totals.created += stored.created;
    totals.changed += stored.changed;
    totals.unchanged += stored.unchanged;
    await recordReadIssues(db, workspaceId, runId, stored.refused, now());
    issues += stored.refused.length;
  };
  try {
    for await (const page of readWorkspaceGpts(settings, { ...options, needsDetail: changed, unchanged })) {
      const problems: ObjectProblem[] = [...page.problems];
      // A listed object that is refused is still listed: it must not be marked gone.
      for (const p of page.problems) listed.add(p.id);
      // An object refused without a readable id of its own may be any GPT: then none can be said to be gone.
      unnamed += page.problems.filter((p) => p.id.startsWith('listGpts item ')).length;
      for (const id of page.unchanged) listed.add(id);
      totals.listed += page.unchanged.length;
      totals.unchanged += page.unchanged.length;
      // Documents parsed by an earlier read are taken from the store; those parsed now are kept for the next.
      const details = page.gpts
        .filter((r) => changed(r.gpt))
        .flatMap((r) => [r.gpt.latest_config, ...(r.configs ?? [])]);
      const parsed = await seedSchemaCache(db, workspaceId, actionDocuments(details), cache);
      for (const read of page.gpts) {
        listed.add(read.gpt.id);
        totals.listed++;
        problems.push(...read.problems);
        if (!changed(read.gpt)) {
          totals.unchanged++;
          continue;
        }
        const bundle = { gpt: read.gpt, configs: read.configs, sharedUsers: read.sharedUsers };
        // Details that failed, or held a refused version or recipient, are read again next time: so the issue
        // stays listed on the latest read until the platform's object is fixed.
        const retryDetails = read.configs === null || read.problems.length > 0;
        pending.push({ adapted: await adaptGpt(bundle, cache), retryDetails });
      }
      await keepParsedSchemas(db, workspaceId, parsed, cache, now());
      await recordReadIssues(db, workspaceId, runId, problems, now());
      issues += problems.length;
      if (pending.length >= STORE_BATCH) await store();
    }
  } catch (e) {
    if (!(e instanceof ApiError)) {
      await finishGptRead(
        db,
        runId,
        totals,
        { complete: false, error: 'the read stopped on an internal error' },
        now(),
      );
      throw e;
    }
    error = e.message;
  }
  // What was read before the end of the list (or before a failure of the list) is stored all the same.
  if (pending.length) await store();
  if (error === null && unnamed === 0) totals.missing = await markUnlistedGpts(db, workspaceId, listed, now());
  await finishGptRead(db, runId, totals, { complete: error === null, error }, now());
  return { runId, totals, issues, error };
}
