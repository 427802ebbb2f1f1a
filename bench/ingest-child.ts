// One ingestion in its own process (bench/ingest.ts), batches of BATCH events if given: prints
// {ms, maxRssMb, nodeCpuMs, inserted, duplicates, lines}.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ingestFile } from '@/lib/logs/store.ts';

const [url, file, batch] = process.argv.slice(2);
if (!url || !file) throw new Error('usage: ingest-child.ts URL FILE [BATCH]');
const client = new pg.Client({ connectionString: url });
await client.connect();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const outcome = await ingestFile(client, file, {
  source: 'cli',
  startedBy: 'bench',
  ...(batch ? { batchSize: Number(batch) } : {}),
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await client.end();
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    inserted: outcome.inserted,
    duplicates: outcome.duplicates,
    lines: outcome.lines,
  }),
);
