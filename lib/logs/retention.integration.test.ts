import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { purgeContent, retentionDays, setRetention } from './retention.ts';

const admin = { id: null, label: 'admin@acme.example', role: 'admin' };
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('retention'));
  const row = (eventId: string, logType: string, at: string) => ({
    principalId: 'p',
    eventId,
    logType,
    path: 'event_details.text',
    text: `said ${eventId}`,
    at: new Date(at),
  });
  await db.logContent.createMany({
    data: [
      row('old-agent', 'CUSTOM_AGENTS_LOG', '2026-09-01T00:00:00Z'),
      row('new-agent', 'CUSTOM_AGENTS_LOG', '2026-11-10T00:00:00Z'),
      row('old-chat', 'CONVERSATION_MESSAGE', '2026-10-01T00:00:00Z'),
    ],
  });
});
afterAll(async () => db.$disconnect());

describe('content retention', () => {
  it('keeps content 30 days by default, per type as set, and audits every purge with its counts', async () => {
    expect((await retentionDays(db)).CUSTOM_AGENTS_LOG).toBe(30);
    await setRetention(db, admin, 'CONVERSATION_MESSAGE', 90);
    await expect(setRetention(db, admin, 'AUDIT_LOG', 0)).rejects.toThrow(/1 to 3650/);
    const purged = await purgeContent(db, { id: null, label: 'system', role: null }, new Date('2026-11-20T00:00:00Z'));
    expect(purged).toEqual({ CUSTOM_AGENTS_LOG: 1 });
    expect(
      (await db.logContent.findMany({ select: { eventId: true }, orderBy: { eventId: 'asc' } })).map((r) => r.eventId),
    ).toEqual(['new-agent', 'old-chat']);
    const audit = await db.auditEvent.findMany({
      where: { action: { in: ['logs.retention.set', 'logs.content.purge'] } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ['logs.retention.set', 'admin@acme.example'],
      ['logs.content.purge', 'system'],
    ]);
    expect(audit[1]!.diff).toMatchObject({ purged: { CUSTOM_AGENTS_LOG: 1 } });
  });
});
