// The follow-up pulls: wanted while an action answered within FOLLOW_UP_MS waits for its log event, not after.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { awaitingLogs } from './follow-up.ts';
import { FOLLOW_UP_MS } from './kinds.ts';

let db: Db;
const now = new Date('2026-12-06T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

beforeAll(async () => {
  db = createDb(await createTestDatabase('follow_up'));
});
afterAll(() => db.$disconnect());

async function action(status: string, answeredAt: Date | null, outcome: string | null = null) {
  await db.platformAction.create({
    data: {
      workspaceId: 'ws',
      kind: 'unpublish_agent',
      targetId: `agt-${status}-${answeredAt?.getTime()}`,
      targetLabel: 'A',
      reason: 'r',
      requestedBy: 'ana',
      requestedAt: ago(FOLLOW_UP_MS * 2),
      needsApproval: false,
      status,
      idempotencyKey: crypto.randomUUID(),
      answeredAt,
      outcome,
    },
  });
}

it('wants a pull while an answered action of the last minutes waits for its event, and only then', async () => {
  expect(await awaitingLogs(db, now)).toBe(false);
  await action('answered', ago(FOLLOW_UP_MS + 1_000)); // answered long ago: the scheduled pulls will do
  await action('confirmed', ago(60_000)); // already seen
  await action('queued', null);
  await action('answered', ago(60_000), 'already_gone'); // a 404: no event will come
  expect(await awaitingLogs(db, now)).toBe(false);
  await action('answered', ago(60_000));
  expect(await awaitingLogs(db, now)).toBe(true);
});
