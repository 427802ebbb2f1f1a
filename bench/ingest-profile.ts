// Where an ingestion's time goes (issue 20 item 2): the real store on a throwaway embedded PostgreSQL, with every
// statement it sends timed by kind, Node's CPU beside the CPU of the server's processes, and the reader alone (parse
// and checks, no database) as Node's floor. Prints a table; writes nothing to RESULTS.md.
// Usage: npx tsx bench/ingest-profile.ts [--events 200000] [--batch 5000]
import { chmodSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { splitContent } from '@/lib/logs/content.ts';
import { readLogFile } from '@/lib/logs/reader.ts';
import { ingestFile } from '@/lib/logs/store.ts';
import { generate, serverCpu, startIngestServer } from './ingest-data.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '5000' },
    'cpu-profile': { type: 'string' },
  },
});
const EVENTS = Number(values.events);
/** Wall time per statement kind (its first words), summed over the run. */
function timeStatements(client: pg.Client): Map<string, { n: number; ms: number }> {
  const times = new Map<string, { n: number; ms: number }>();
  const add = (kind: string, ms: number) => {
    const t = times.get(kind) ?? { n: 0, ms: 0 };
    t.n++;
    t.ms += ms;
    times.set(kind, t);
  };
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const t0 = performance.now();
    const result = original(...args);
    let text = '';
    if (typeof first === 'string') text = first;
    else if (first && typeof first === 'object' && 'text' in first) text = String(first.text);
    const kind = text.replace(/\s+/g, ' ').trim().slice(0, 40);
    // A query config ({ text, values, rowMode }) answers with a promise too; only a COPY stream is an emitter.
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).finally(() => add(kind, performance.now() - t0)).catch(() => {});
    else if (kind) (result as NodeJS.EventEmitter).once('finish', () => add(kind, performance.now() - t0));
    return result;
  };
  return times;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-ingest-profile-'));
chmodSync(workDir, 0o755);
try {
  const jsonl = path.join(workDir, 'events.jsonl');
  const gen = await generate(jsonl, EVENTS);
  chmodSync(jsonl, 0o644);

  let t0 = performance.now();
  let c0 = process.cpuUsage();
  let read = 0;
  for await (const item of readLogFile('events.jsonl', createReadStream(jsonl)))
    if ('event' in item) read += splitContent(item.event.record).content.length >= 0 ? 1 : 0;
  const readerMs = performance.now() - t0;
  const readerCpu = process.cpuUsage(c0);
  const cpuMs = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e3).toFixed(0);
  console.log(`reader alone: ${read} events in ${readerMs.toFixed(0)} ms (${cpuMs(readerCpu)} ms CPU)`);

  const { server, postmaster } = await startIngestServer(workDir, EVENTS);
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('CHECKPOINT');
    const times = timeStatements(client);
    const inspector = values['cpu-profile'] ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    const s0 = serverCpu(postmaster);
    c0 = process.cpuUsage();
    t0 = performance.now();
    const outcome = await ingestFile(client, jsonl, {
      source: 'cli',
      startedBy: 'profile',
      batchSize: Number(values.batch),
    });
    const ms = performance.now() - t0;
    const nodeCpu = process.cpuUsage(c0);
    const pgCpu = serverCpu(postmaster) - s0;
    if (inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(values['cpu-profile']!, JSON.stringify(profile));
    }
    await client.end();
    console.log(
      `store: ${gen.lines} lines, ${outcome.inserted} stored, ${outcome.duplicates} duplicates in ${ms.toFixed(0)} ms` +
        ` = ${Math.round(gen.lines / (ms / 1000))} lines/s; Node CPU ${cpuMs(nodeCpu)} ms,` +
        ` server CPU ${(pgCpu * 1000).toFixed(0)} ms; load ${os.loadavg()[0]!.toFixed(2)}`,
    );
    const sorted = [...times].sort((a, b) => b[1].ms - a[1].ms);
    for (const [kind, t] of sorted)
      console.log(`  ${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(5)}×  ${kind}`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
