// The fleet's Compliance Logs streamed into PostgreSQL with COPY, as the real store (lib/logs/store.ts) leaves them:
// one LogFile per log type and day (complete, with its SHA-256, size, lines and event range), each event in
// LogEvent (its week's partition, created first) with its exactly-once key in LogEventKey and its content split off
// to LogContent by the store's own pure functions — content older than its retention left out, as the daily purge
// leaves it — and the derived tables the store maintains, LogEventCount and LogFileAgent. Memory: one day's file
// states (their agent sets) at most.
import { createHash, type Hash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { splitContent } from '@/lib/logs/content.ts';
import { actorEmailOf, agentIdOf } from '@/lib/logs/event.ts';
import { openCopy } from './copy.ts';
import { dayEvents, dayPlans, type EventFleet, timestampOf } from './events.ts';
import { uuidOf } from './ids.ts';
import { ensurePartitions } from './partitions.ts';

export type EventOptions = {
  url: string;
  seed: number;
  events: number;
  days: number;
  /** The end of the last day (UTC ms): events fall in the `days` days before it. */
  end: number;
  fleet: EventFleet;
  /** Content of events before this time (UTC ms) is left out: the daily purge would have removed it. */
  contentSince: number;
  /** Also write each file as JSONL here (for the test that ingests the same files with the real store). */
  jsonlDir?: string;
  log?: (s: string) => void;
};

export type EventTotals = { events: number; content: number; files: number; fileAgents: number; partitions: number };

type FileState = {
  id: string;
  name: string;
  hash: Hash;
  size: number;
  lines: number;
  first: string;
  last: string;
  agents: Set<string>;
  text: string[] | null;
};

const EVENT_COLUMNS = [
  'principalId',
  'eventId',
  'type',
  'eventType',
  'at',
  'agentId',
  'actorEmail',
  'record',
  'fileId',
  'line',
] as const;
const CONTENT_COLUMNS = ['principalId', 'eventId', 'logType', 'path', 'text', 'at'] as const;
const TAG_FILE = 31;
const DAY_MS = 86_400_000;

export async function writeEvents(o: EventOptions): Promise<EventTotals> {
  const clients = [0, 1, 2, 3].map(() => new pg.Client({ connectionString: o.url }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    // The store's batches skip waiting for WAL flushes; so does the generator (it is not the figure measured).
    await Promise.all(clients.map((c) => c.query('SET synchronous_commit = off')));
    const [eventClient, contentClient, agentClient, keyClient] = clients as [
      pg.Client,
      pg.Client,
      pg.Client,
      pg.Client,
    ];
    const first = o.end - o.days * DAY_MS;
    const partitions =
      (await ensurePartitions(eventClient, 'LogEvent', first, o.end)) +
      (await ensurePartitions(eventClient, 'LogContent', Math.max(first, o.contentSince), o.end));
    const contentSince = timestampOf(o.contentSince);
    const events = openCopy(eventClient, 'LogEvent', EVENT_COLUMNS);
    const keys = openCopy(keyClient, 'LogEventKey', ['principalId', 'eventId', 'at', 'agentId']);
    const content = openCopy(contentClient, 'LogContent', CONTENT_COLUMNS);
    const fileAgents = openCopy(agentClient, 'LogFileAgent', ['fileId', 'principalId', 'agentId']);
    const counts = new Map<
      string,
      { type: string; eventType: string; events: number; newest: string; oldest: string }
    >();
    const files: { f: FileState; day: number }[] = [];
    const principal = o.fleet.principal;
    let contentRows = 0;
    let fileAgentRows = 0;
    let stored = 0;
    for (const plan of dayPlans(o.seed, o.events, o.days, o.end)) {
      const today = new Map<string, FileState>();
      const date = new Date(plan.dayStart).toISOString().slice(0, 10);
      for (const { type, record } of dayEvents(o.fleet, plan)) {
        let f = today.get(type);
        if (!f) {
          f = {
            id: uuidOf(o.seed, TAG_FILE, plan.day, today.size),
            name: `${type.toLowerCase().replaceAll('_', '-')}-${date}.jsonl`,
            hash: createHash('sha256'),
            size: 0,
            lines: 0,
            first: '',
            last: '',
            agents: new Set(),
            text: o.jsonlDir ? [] : null,
          };
          today.set(type, f);
        }
        const text = JSON.stringify(record);
        const line = ++f.lines;
        f.hash.update(`${text}\n`);
        f.size += Buffer.byteLength(text) + 1;
        f.text?.push(text);
        const timestamp = record.timestamp as string;
        const eventId = record.event_id as string;
        const eventType = record.event_type as string;
        if (f.first === '' || timestamp < f.first) f.first = timestamp;
        if (timestamp > f.last) f.last = timestamp;
        const split = splitContent(record);
        const agent = agentIdOf(record);
        if (agent !== null) f.agents.add(agent);
        await events.row([
          principal,
          eventId,
          type,
          eventType,
          timestamp,
          agent,
          actorEmailOf(record),
          split.content.length ? JSON.stringify(split.metadata) : text,
          f.id,
          line,
        ]);
        await keys.row([principal, eventId, timestamp, agent]); // where the event is, as the store's claim keeps it
        if (timestamp >= contentSince)
          for (const c of split.content) {
            await content.row([principal, eventId, type, c.path, c.text, timestamp]);
            contentRows++;
          }
        const key = `${type}\u0000${eventType}`;
        const g = counts.get(key);
        if (!g) counts.set(key, { type, eventType, events: 1, newest: timestamp, oldest: timestamp });
        else {
          g.events++;
          if (timestamp > g.newest) g.newest = timestamp;
          if (timestamp < g.oldest) g.oldest = timestamp;
        }
        stored++;
      }
      for (const f of today.values()) {
        for (const agent of f.agents) await fileAgents.row([f.id, principal, agent]);
        fileAgentRows += f.agents.size;
        f.agents.clear();
        if (f.text && o.jsonlDir) writeFileSync(path.join(o.jsonlDir, f.name), `${f.text.join('\n')}\n`);
        f.text = null;
        files.push({ f, day: plan.day });
      }
      if (plan.day % 10 === 9 && o.events > 0)
        o.log?.(`events: ${stored.toLocaleString('en-US')} of ${o.events.toLocaleString('en-US')}`);
    }
    await Promise.all([events.end(), keys.end(), content.end(), fileAgents.end()]);
    await eventClient.query(
      `INSERT INTO "LogFile" (id, source, name, sha256, size, lines, inserted, "firstEventAt", "lastEventAt", status,
         "startedBy", "startedAt", "finishedAt")
       SELECT u.id, 'cli', u.name, u.sha256, u.size, u.lines, u.lines, u.first, u.last, 'complete', 'fleet', u.last,
         u.last
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::timestamptz[], $7::timestamptz[])
         AS u(id, name, sha256, size, lines, first, last)`,
      [
        files.map(({ f }) => f.id),
        files.map(({ f }) => f.name),
        files.map(({ f }) => f.hash.digest('hex')),
        files.map(({ f }) => f.size),
        files.map(({ f }) => f.lines),
        files.map(({ f }) => f.first),
        files.map(({ f }) => f.last),
      ],
    );
    const list = [...counts.values()];
    await eventClient.query(
      `INSERT INTO "LogEventCount" ("principalId", type, "eventType", events, newest, oldest)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
       ORDER BY 1, 2, 3
       ON CONFLICT ("principalId", type, "eventType") DO UPDATE SET events = "LogEventCount".events + EXCLUDED.events,
         newest = GREATEST("LogEventCount".newest, EXCLUDED.newest),
         oldest = LEAST("LogEventCount".oldest, EXCLUDED.oldest)`,
      [
        principal,
        list.map((g) => g.type),
        list.map((g) => g.eventType),
        list.map((g) => g.events),
        list.map((g) => g.newest),
        list.map((g) => g.oldest),
      ],
    );
    return { events: stored, content: contentRows, files: files.length, fileAgents: fileAgentRows, partitions };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}
