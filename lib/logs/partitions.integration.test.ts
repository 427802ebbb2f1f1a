// LogEvent by week and LogContent by day (decision 0032) against a real PostgreSQL: exactly-once across partitions,
// the partition job (ahead, stragglers out of the defaults, idempotent), retention by whole partitions, and EXPLAIN
// proof that the queries reading a time window read only that window's partitions.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { confirmActions } from '@/lib/platform/confirm.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { createTestDatabase } from '@/test/db.ts';
import { recordingDb, relationsRead } from '@/test/explain.ts';
import { partitionName, partitionOf, periodStart } from './partition-plan.ts';
import { dropEventsBefore, maintainPartitions, parseEventRetention } from './partitions.ts';
import { partitionNames } from './queries.ts';
import { purgeContent } from './retention.ts';
import { ingestFile } from './store.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// Noon UTC today: day and week boundaries are hours away whenever the test runs.
const now = new Date(periodStart('LogContent', new Date()).getTime() + 12 * 3_600_000);
const at = (ms: number) => new Date(now.getTime() + ms);
const week = (ms: number) => partitionName('LogEvent', periodStart('LogEvent', at(ms)));
const P = 'p-partitions';
const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-partitions-'));
let url: string;
let db: Db;
let client: pg.Client;

beforeAll(async () => {
  url = await createTestDatabase('partitions');
  db = createDb(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T;
const partitionOfEvent = async (eventId: string) =>
  (
    await one<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM "LogEvent" WHERE "eventId" = $1`, [
      eventId,
    ])
  ).part;

function line(id: string, when: Date, eventType = 'AGENT_UNPUBLISHED') {
  return JSON.stringify({
    event_id: id,
    type: 'CUSTOM_AGENTS_LOG',
    timestamp: when.toISOString(),
    principal: { id: P, type: 'CHATGPT_WORKSPACE' },
    event_type: eventType,
    event_details: { agent_id: 'agent-part' },
  });
}

async function ingest(name: string, lines: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return ingestFile(client, file, { source: 'cli', startedBy: 'test' });
}

describe('time partitions of Compliance Logs', () => {
  it('LogEvent by week and LogContent by day, with partitions ahead and a default for stragglers', async () => {
    const kinds = await client.query(
      `SELECT relname, relkind FROM pg_class WHERE relname IN ('LogEvent', 'LogContent') ORDER BY 1`,
    );
    expect(kinds.rows).toEqual([
      { relname: 'LogContent', relkind: 'p' },
      { relname: 'LogEvent', relkind: 'p' },
    ]);
    const weeks = await partitionNames(db, 'LogEvent');
    expect(weeks).toEqual(expect.arrayContaining([week(0), week(4 * WEEK), 'LogEvent_default']));
    const days = await partitionNames(db, 'LogContent');
    const today = partitionName('LogContent', periodStart('LogContent', now));
    expect(days).toEqual(expect.arrayContaining([today, 'LogContent_default']));
  });

  it('stores an event once whatever its partition, a redelivery with another timestamp included', async () => {
    const outcome = await ingest('spread.jsonl', [
      line('now-1', at(0)),
      line('old-1', at(-3 * WEEK)),
      line('future-1', at(10 * WEEK)),
      line('now-1', at(-2 * WEEK)), // the same event_id, sent again with another timestamp (another week)
    ]);
    expect(outcome).toMatchObject({ status: 'complete', inserted: 3, duplicates: 1 });
    expect(await ingest('spread-again.jsonl', [line('old-1', at(-3 * WEEK)), line('now-1', at(0))])).toMatchObject({
      inserted: 0,
      duplicates: 2,
    });
    const n = await one<{ events: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM "LogEvent" WHERE "principalId" = $1) AS events,
              (SELECT count(*)::int FROM "LogEventKey" WHERE "principalId" = $1) AS keys`,
      [P],
    );
    expect(n).toEqual({ events: 3, keys: 3 });
    expect(await partitionOfEvent('now-1')).toBe(`"${week(0)}"`);
    expect(await partitionOfEvent('old-1')).toBe('"LogEvent_default"');
    expect(await partitionOfEvent('future-1')).toBe('"LogEvent_default"');
  });

  it('the job moves stragglers to their own weeks once wanted, keeps weeks ahead, and is idempotent', async () => {
    const first = await maintainPartitions(db, SYSTEM_ACTOR, { now });
    expect(first.created).toEqual(expect.arrayContaining([week(-3 * WEEK), week(-2 * WEEK), week(-WEEK)]));
    expect(await partitionOfEvent('old-1')).toBe(`"${week(-3 * WEEK)}"`);
    expect(await partitionOfEvent('future-1')).toBe('"LogEvent_default"'); // beyond the weeks kept ahead
    expect((await maintainPartitions(db, SYSTEM_ACTOR, { now })).created).toEqual([]);
    // Eight weeks on, the straggler's week is among those ahead: it moves there.
    const later = await maintainPartitions(db, SYSTEM_ACTOR, { now: at(8 * WEEK) });
    expect(later.created).toContain(week(10 * WEEK));
    expect(await partitionOfEvent('future-1')).toBe(`"${week(10 * WEEK)}"`);
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM "LogEvent" WHERE "principalId" = $1`, [P])).toEqual(
      { n: 3 },
    );
    // Outside the job, stored events still cannot be deleted or changed.
    await expect(client.query(`DELETE FROM "LogEvent" WHERE "eventId" = 'old-1'`)).rejects.toThrow(/DELETE refused/);
  });

  it('EXPLAIN: the confirmation of a platform action reads only the weeks since it was sent', async () => {
    await createWorkspace(db, SYSTEM_ACTOR, { id: 'ws-part', name: 'Partitions', kind: 'workspace', principal: P });
    const sentAt = at(-3_600_000); // the same week as now, whatever the day
    await db.platformAction.create({
      data: {
        workspaceId: 'ws-part',
        kind: 'unpublish_agent',
        targetId: 'agent-part',
        targetLabel: 'Agent',
        reason: 'test',
        requestedBy: 'ana',
        requestedAt: sentAt,
        needsApproval: false,
        status: 'answered',
        idempotencyKey: crypto.randomUUID(),
        sentAt,
        answeredAt: sentAt,
      },
    });
    const recording = recordingDb(url);
    try {
      await confirmActions(recording.db, 'ws-part', now, { countPull: false });
    } finally {
      await recording.db.$disconnect();
    }
    const reads = recording.sent.filter((s) => s.text.includes('FROM "LogEvent"'));
    expect(reads.length).toBeGreaterThan(0);
    const older = (await partitionNames(db, 'LogEvent'))
      .map((name) => partitionOf('LogEvent', name))
      .filter((p) => p !== null && p.to <= periodStart('LogEvent', sentAt))
      .map((p) => p!.name);
    expect(older).toEqual(expect.arrayContaining([week(-3 * WEEK), week(-WEEK)]));
    for (const statement of reads) {
      const relations = await relationsRead(client, statement);
      expect(relations).toContain(week(0));
      for (const old of older) expect(relations).not.toContain(old);
    }
  });

  it('EXPLAIN: the content purge reads only the days past retention, and drops whole days', async () => {
    const content = (id: string, ms: number) => ({
      principalId: P,
      eventId: id,
      logType: 'CUSTOM_AGENTS_LOG',
      path: 'event_details.text',
      text: `said ${id}`,
      at: at(ms),
    });
    await db.logContent.createMany({
      data: [content('c-35', -35 * DAY), content('c-31', -31 * DAY - 3_600_000), content('c-29', -29 * DAY)],
    });
    await maintainPartitions(db, SYSTEM_ACTOR, { now }); // days from 31 back get their partitions
    const day = (ms: number) => partitionName('LogContent', periodStart('LogContent', at(ms)));
    const names = await partitionNames(db, 'LogContent');
    expect(names).toEqual(expect.arrayContaining([day(-31 * DAY - 3_600_000), day(-29 * DAY)]));
    expect(names).not.toContain(day(-35 * DAY)); // older than any retention: stays in the default

    const recording = recordingDb(url);
    let purged: Record<string, number>;
    try {
      purged = await purgeContent(recording.db, SYSTEM_ACTOR, now);
    } finally {
      await recording.db.$disconnect();
    }
    expect(purged).toEqual({ CUSTOM_AGENTS_LOG: 2 });
    const after = await partitionNames(db, 'LogContent');
    expect(after).not.toContain(day(-31 * DAY - 3_600_000));
    expect(after).toContain(day(-29 * DAY));
    const left = await db.logContent.findMany({ where: { principalId: P }, select: { eventId: true } });
    expect(left.map((r) => r.eventId)).toEqual(['c-29']);
    const audit = await db.auditEvent.findFirst({ where: { action: 'logs.content.purge' }, orderBy: { seq: 'desc' } });
    expect(audit?.diff).toMatchObject({ droppedDays: [day(-31 * DAY - 3_600_000)] });
    // The row-by-row deletes read the default and the days before the cut, never a kept day.
    const deletes = recording.sent.filter((s) => s.text.startsWith('DELETE') && s.text.includes('"LogContent"'));
    expect(deletes.length).toBeGreaterThan(0);
    for (const statement of deletes) {
      const relations = await relationsRead(client, statement);
      expect(relations).toContain('LogContent_default');
      expect(relations).not.toContain(day(-29 * DAY));
      expect(relations).not.toContain(day(0));
    }
  });

  it('event retention drops whole weeks with their keys and counts, and is audited', async () => {
    expect(parseEventRetention(undefined)).toBeNull();
    expect(parseEventRetention('120')).toBe(120);
    expect(() => parseEventRetention('30')).toThrow(/at least 90/);
    const countOf = async () =>
      (
        await one<{ n: number | null }>(`SELECT sum(events)::int AS n FROM "LogEventCount" WHERE "principalId" = $1`, [
          P,
        ])
      ).n;
    expect(await countOf()).toBe(3);
    const dropped = await dropEventsBefore(db, SYSTEM_ACTOR, periodStart('LogEvent', at(-2 * WEEK)));
    expect(dropped.partitions).toContain(week(-3 * WEEK));
    expect(dropped.events).toBe(1);
    expect(await partitionNames(db, 'LogEvent')).not.toContain(week(-3 * WEEK));
    expect(await countOf()).toBe(2);
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM "LogEventKey" WHERE "eventId" = 'old-1'`)).toEqual({
      n: 0,
    });
    const audit = await db.auditEvent.findFirst({ where: { action: 'logs.events.retention' } });
    expect(audit?.diff).toMatchObject({ events: 1, dropped: expect.arrayContaining([week(-3 * WEEK)]) });
    // Sent again after its week was dropped, it is a new event (in the default until the next run drops it).
    expect(await ingest('late.jsonl', [line('old-1', at(-3 * WEEK))])).toMatchObject({ inserted: 1 });
  });
});
