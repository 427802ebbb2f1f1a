// The ingestion benches' data (bench/ingest.ts, ingest-profile.ts, ingest-probe.ts): a JSONL file of events with
// 10% of them redelivered at random places, the same rows as a TSV a raw COPY reads, the events' weekly partitions,
// and the throwaway server the profile and the probe run on.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { partitionsToCreate } from '@/lib/logs/partition-plan.ts';
import { prng } from './generate.ts';

/** One event a second from here. */
export const FIRST_EVENT = Date.UTC(2026, 9, 1);

/** Writes `count` distinct events and repeats 10% of them (at random places), as one JSONL file. */
export async function generate(
  file: string,
  count: number,
  seed = 7,
): Promise<{ lines: number; unique: number; bytes: number }> {
  const rand = prng(seed);
  const out = createWriteStream(file);
  const line = (i: number) => {
    const at = new Date(FIRST_EVENT + i * 1000).toISOString().replace('Z', '000Z');
    const agent = `agent-${i % 5000}`;
    return JSON.stringify({
      event_id: `evt-${i.toString(36).padStart(8, '0')}`,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: at,
      principal: { id: 'bench-principal', type: 'CHATGPT_WORKSPACE' },
      actor: { type: 'ACCOUNT_USER', user_id: `user-${i % 700}`, user_email: `user${i % 700}@acme.example` },
      event_type: i % 3 === 0 ? 'CONNECTOR_CALL_REQUESTED' : 'CONNECTOR_CALL_COMPLETED',
      client_id: 'AGENT_RUNTIME',
      workspace_id: 'bench-principal',
      event_details: {
        detail_type: 'CONNECTOR_CALL_REQUESTED',
        agent_id: agent,
        version_id: 'v1',
        run_id: `run-${Math.floor(i / 6)}`,
        tool_call_id: `call-${i}`,
        connector_id: ['gmail', 'slack', 'salesforce', 'google_drive'][i % 4],
        action_name: ['search', 'read', 'send'][i % 3],
        requires_elicitation: i % 5 === 0,
      },
    });
  };
  let lines = 0;
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text) + 1;
    lines++;
    if (!out.write(`${text}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  for (let i = 0; i < count; i++) {
    await write(line(i));
    if (rand() < 0.1) await write(line(Math.floor(rand() * (i + 1)))); // an at-least-once redelivery
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return { lines, unique: count, bytes };
}

/** The same rows as the store's staging table, as a TSV a raw COPY reads (what the store must beat by 1/3). */
export async function tsvOf(jsonl: string, tsv: string) {
  const out = createWriteStream(tsv);
  let n = 0;
  for await (const l of createInterface({ input: createReadStream(jsonl), crlfDelay: Infinity })) {
    if (!l) continue;
    const r = JSON.parse(l);
    const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t');
    const row = [
      r.principal.id,
      r.event_id,
      r.type,
      r.event_type,
      r.timestamp,
      r.event_details.agent_id,
      r.actor.user_email,
      esc(l),
      String(++n),
    ].join('\t');
    if (!out.write(`${row}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/**
 * The events' weeks, as the partition job keeps them (decision 0032): the store is measured writing into the weeks'
 * partitions, as it does in use, not into the default partition (an unpartitioned table by another name).
 */
export async function createEventWeeks(url: string, until: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = '"LogEvent"'::regclass`,
    );
    const weeks = partitionsToCreate('LogEvent', {
      now: new Date(until),
      existing: rows.map((r) => r.name),
      strays: [new Date(FIRST_EVENT)],
      notBefore: new Date(FIRST_EVENT),
    });
    for (const w of weeks)
      await client.query(
        `CREATE TABLE "${w.name}" PARTITION OF "LogEvent"
         FOR VALUES FROM ('${w.from.toISOString()}') TO ('${w.to.toISOString()}')`,
      );
  } finally {
    await client.end();
  }
}

/** CPU seconds a PostgreSQL server used so far: the postmaster and its children (backends…), live or gone. */
export function serverCpu(postmaster: number): number {
  const TICK = 100; // clock ticks per second (USER_HZ) on Linux
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // The postmaster's own time, with that of its children that have exited (a backend ends with its session).
      if (Number(pid) === postmaster)
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / TICK;
}

/** A throwaway embedded PostgreSQL for the profile and the probe: migrated, with the weeks of `events` events
 *  created, and the postmaster's pid (for serverCpu). */
export async function startIngestServer(workDir: string, events: number) {
  const dataDir = path.join(workDir, 'pg-data');
  mkdirSync(dataDir, { mode: 0o755 });
  const server = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'p' });
  await migrate(server.url);
  await createEventWeeks(server.url, FIRST_EVENT + (events + 1000) * 1000);
  const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { server, postmaster };
}
