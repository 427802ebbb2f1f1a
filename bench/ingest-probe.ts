// What each part of storing events costs the server (issue 20 item 2), measured apart: server-side COPYs of the
// same rows into tables shaped like each step, with the server's CPU beside the wall time. Prints; writes nothing.
// Usage: npx tsx bench/ingest-probe.ts [--events 200000]
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CLAIM_SQL } from '@/lib/logs/store-batch.ts';
import { textArray } from '@/lib/logs/store-rows.ts';
import { FIRST_EVENT, generate, serverCpu, tsvOf, startIngestServer } from './ingest-data.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' } } });
const EVENTS = Number(values.events);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-ingest-probe-'));
chmodSync(workDir, 0o755);
try {
  const jsonl = path.join(workDir, 'events.jsonl');
  await generate(jsonl, EVENTS);
  const tsv = path.join(workDir, 'events.tsv');
  await tsvOf(jsonl, tsv);
  chmodSync(tsv, 0o644);
  const { server, postmaster } = await startIngestServer(workDir, EVENTS);
  try {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    c.on('error', () => {}); // the server stopping after a failed step must not hide that step's error
    const cols =
      'principal_id text, event_id text, type text, event_type text, at text, agent_id text, actor_email text';
    const file = `'${tsv}'`;
    const step = async (label: string, sql: string, setup = '') => {
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 2; i++) {
        if (setup) await c.query(setup);
        await c.query('CHECKPOINT');
        const s0 = serverCpu(postmaster);
        const t0 = performance.now();
        await c.query(sql);
        ms.push(performance.now() - t0);
        cpu.push((serverCpu(postmaster) - s0) * 1000);
      }
      console.log(
        `${label.padEnd(58)} ${ms.map((m) => m.toFixed(0)).join('/')} ms, ` +
          `CPU ${cpu.map((m) => m.toFixed(0)).join('/')} ms; load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    };
    await c.query(`CREATE TABLE raw (${cols}, record text, line int)`);
    await c.query(`CREATE TABLE rawjson (${cols}, record json, line int)`);
    await c.query(`CREATE TABLE rawts (principal_id text, event_id text, type text, event_type text,
      at timestamptz, agent_id text, actor_email text, record json, line int)`);
    await c.query(`CREATE UNLOGGED TABLE rawunlogged (${cols}, record text, line int)`);
    await c.query(`ALTER TABLE "LogEvent" ALTER "fileId" SET DEFAULT 'f'`);
    const evCols = `"principalId", "eventId", type, "eventType", at, "agentId", "actorEmail", record, line`;
    await step('raw COPY, text', `COPY raw FROM ${file}`, 'TRUNCATE raw');
    await step('raw COPY, unlogged', `COPY rawunlogged FROM ${file}`, 'TRUNCATE rawunlogged');
    await step('raw COPY, record json', `COPY rawjson FROM ${file}`, 'TRUNCATE rawjson');
    await step('raw COPY, at timestamptz + json', `COPY rawts FROM ${file}`, 'TRUNCATE rawts');
    // The events' tables hold each key once: from here on, the rows without their redeliveries, from a table.
    await c.query('CREATE TABLE uniq AS SELECT DISTINCT ON (principal_id, event_id) * FROM raw');
    const fromUniq = `SELECT principal_id, event_id, type, event_type, at::timestamptz, agent_id, actor_email,
      record::json, line FROM uniq`;
    await step('same rows, table to table (the reference below)', `INSERT INTO rawts ${fromUniq}`, 'TRUNCATE rawts');
    await step(
      'into LogEvent (partitioned, its agent index)',
      `INSERT INTO "LogEvent" (${evCols}) ${fromUniq}`,
      'TRUNCATE "LogEvent"',
    );
    await c.query('DROP INDEX "LogEvent_principalId_agentId_at_idx"');
    await step('into LogEvent, no index', `INSERT INTO "LogEvent" (${evCols}) ${fromUniq}`, 'TRUNCATE "LogEvent"');
    // The key keeps where its event is (at, agent), as the store's claim writes it (decision 0032).
    const keys = 'SELECT principal_id, event_id, at::timestamptz, agent_id FROM raw';
    await step(
      'LogEventKey, plain insert (from raw, each key once)',
      `INSERT INTO "LogEventKey" SELECT DISTINCT ON (1, 2) principal_id, event_id, at::timestamptz, agent_id FROM raw`,
      'TRUNCATE "LogEventKey"',
    );
    await step(
      'LogEventKey claim: sorted, ON CONFLICT, RETURNING',
      `INSERT INTO "LogEventKey" ${keys} ORDER BY 1, 2 ON CONFLICT DO NOTHING RETURNING "principalId", "eventId"`,
      'TRUNCATE "LogEventKey"',
    );
    await step(
      'LogEventKey claim: unsorted, ON CONFLICT, RETURNING',
      `INSERT INTO "LogEventKey" ${keys} ON CONFLICT DO NOTHING RETURNING "principalId", "eventId"`,
      'TRUNCATE "LogEventKey"',
    );
    await step(
      'LogEventKey claim: shuffled, ON CONFLICT, RETURNING',
      `INSERT INTO "LogEventKey" ${keys} ORDER BY md5(event_id) ON CONFLICT DO NOTHING
       RETURNING "principalId", "eventId"`,
      'TRUNCATE "LogEventKey"',
    );
    await step(
      'LogEventKey claim, unsorted, no RETURNING',
      `INSERT INTO "LogEventKey" ${keys} ON CONFLICT DO NOTHING`,
      'TRUNCATE "LogEventKey"',
    );
    // The store's own claim statement, planned and run on one batch of 5,000 keys (10% stored before) against the
    // keys of the events above: where its time goes, and how many buffers each key costs.
    await c.query('TRUNCATE "LogEventKey"');
    await c.query(`INSERT INTO "LogEventKey" SELECT DISTINCT ON (1, 2) principal_id, event_id, at::timestamptz, agent_id
      FROM raw`);
    await c.query('VACUUM ANALYZE "LogEventKey"');
    const batch = Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? i : EVENTS + i))
      .map((i) => ({ e: `evt-${i.toString(36).padStart(8, '0')}`, at: new Date(FIRST_EVENT + i * 1000).toISOString() }))
      .sort((a, b) => (a.e < b.e ? -1 : 1));
    await c.query('BEGIN');
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${CLAIM_SQL}`, [
      textArray(batch.map(() => 'bench-principal')),
      textArray(batch.map((k) => k.e)),
      textArray(batch.map((k) => k.at)),
      textArray(batch.map((_, i) => `agent-${i % 5000}`)),
    ]);
    await c.query('ROLLBACK');
    console.log(`the store's claim, one batch of 5,000 keys; load ${os.loadavg()[0]!.toFixed(1)}:`);
    for (const r of plan.rows) console.log(`  ${r['QUERY PLAN']}`);
    await step(
      'COPY into a temp table',
      `COPY tmp FROM ${file}`,
      `DROP TABLE IF EXISTS tmp; CREATE TEMP TABLE tmp (${cols}, record text, line int)`,
    );
    await c.end();
  } finally {
    await server.stop();
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
