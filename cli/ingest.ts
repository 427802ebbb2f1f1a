// `tollgate ingest PATH...`: Compliance Logs files (.jsonl, .jsonl.gz) or folders of them, stored exactly
// once. Exit 0 all stored; 1 some lines were quarantined or a file is corrupt (the rest is stored);
// 2 nothing to read.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ingestAndApply, type PipelineOutcome } from '@/lib/logs/pipeline.ts';
import { DEFAULT_BATCH } from '@/lib/logs/store.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

export type IngestOptions = { json: boolean; args: string[] };

const LOG_FILE = /\.(jsonl|ndjson|json)(\.gz)?$|\.gz$/i;

export async function ingestCommand(options: IngestOptions): Promise<number> {
  if (options.args.length === 0) {
    console.error('tollgate ingest: PATH expected (files or folders of .jsonl / .jsonl.gz Compliance Logs)');
    return 2;
  }
  let files: string[];
  try {
    files = (await Promise.all(options.args.map(expand))).flat();
  } catch (error) {
    console.error(`tollgate ingest: ${(error as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`tollgate ingest: no .jsonl or .jsonl.gz files in ${options.args.join(', ')}`);
    return 2;
  }
  const batchSize = batchSetting(process.env.TOLLGATE_INGEST_BATCH);
  return withDatabase(async ({ url, db }) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const outcomes: { file: string; outcome: PipelineOutcome }[] = [];
    try {
      for (const file of files) {
        const outcome = await ingestAndApply(client, db, file, {
          source: 'cli',
          startedBy: cliActor().label,
          batchSize,
        });
        outcomes.push({ file, outcome });
        if (!options.json) console.log(describeOutcome(file, outcome));
      }
    } finally {
      await client.end();
    }
    const sum = (pick: (o: PipelineOutcome) => number) => outcomes.reduce((n, { outcome }) => n + pick(outcome), 0);
    const quarantined = outcomes.flatMap(({ file, outcome }) =>
      outcome.quarantined.map((q) => ({ file, line: q.line, reason: q.reason })),
    );
    const failed = outcomes
      .filter(({ outcome }) => outcome.error)
      .map(({ file, outcome }) => ({ file, error: outcome.error }));
    if (options.json) {
      console.log(
        JSON.stringify({
          files: outcomes.length,
          lines: sum((o) => o.lines),
          inserted: sum((o) => o.inserted),
          duplicates: sum((o) => o.duplicates),
          quarantined,
          failed,
        }),
      );
    } else {
      console.log(
        `${outcomes.length} file(s): ${sum((o) => o.inserted)} event(s) stored, ` +
          `${sum((o) => o.duplicates)} already stored, ${sum((o) => o.quarantinedCount)} line(s) quarantined; ` +
          `${sum((o) => o.applied.agents)} agent(s) updated, ${sum((o) => o.applied.alerts)} new alert(s).`,
      );
      const held = [...new Set(outcomes.flatMap(({ outcome }) => outcome.applied.heldPrincipals))];
      if (held.length) console.log(`Held until a workspace is registered with its principal: ${held.join(', ')}.`);
    }
    return quarantined.length > 0 || failed.length > 0 ? 1 : 0;
  });
}

function describeOutcome(file: string, o: PipelineOutcome): string {
  if (o.status === 'repeat')
    return `${file}: the same file was ingested before (${o.duplicates} events already stored); nothing re-read.`;
  const resumed = o.resumedAfter !== null ? ` (resumed after line ${o.resumedAfter})` : '';
  const head = `${file}: ${o.lines} line(s), ${o.inserted} stored, ${o.duplicates} already stored${resumed}`;
  const lines = [head, ...o.quarantined.map((q) => `${file}:${q.line}: quarantined: ${q.reason}`)];
  if (o.quarantinedCount > o.quarantined.length)
    lines.push(
      `${file}: … and ${o.quarantinedCount - o.quarantined.length} more quarantined line(s) (see Alerts → Sources)`,
    );
  if (o.error) lines.push(`${file}: ${o.error}`);
  return lines.join('\n');
}

async function expand(target: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch {
    throw new Error(`cannot read ${target}: no such file or folder`);
  }
  if (info.isFile()) return [target];
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && LOG_FILE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** TOLLGATE_INGEST_BATCH: events per transaction (default 5000). */
function batchSetting(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_BATCH;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new ConfigError('TOLLGATE_INGEST_BATCH', `must be a whole number from 1 to 100000, got "${value}"`);
  return n;
}
