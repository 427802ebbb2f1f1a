// Settings' active sessions: newest first, a page at a time, expired ones left out.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { listActiveSessions, parseSessionCursor, SESSIONS_PAGE } from './sessions.ts';

let db: Db;
beforeAll(async () => {
  db = createDb(await createTestDatabase('sessions'));
});
afterAll(async () => {
  await db.$disconnect();
});

describe('active sessions list', () => {
  it('pages through every active session newest first, never repeating one, leaving out expired ones', async () => {
    const now = new Date('2026-12-06T08:00:00Z');
    const user = await db.user.create({ data: { email: 'many@acme.example', name: 'Many Sessions' } });
    const count = SESSIONS_PAGE * 2 + 5;
    // Two sessions share each sign-in instant: the page boundary must still split them exactly once.
    await db.session.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        id: randomUUID(),
        tokenHash: randomUUID(),
        userId: user.id,
        createdAt: new Date(now.getTime() - Math.floor(i / 2) * 60_000),
        expires: new Date(now.getTime() + 86_400_000),
      })),
    });
    await db.session.create({
      data: { tokenHash: randomUUID(), userId: user.id, createdAt: now, expires: new Date(now.getTime() - 1) },
    });

    const seen: { id: string; createdAt: Date }[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listActiveSessions>> = await listActiveSessions(db, { before, now });
      expect(page.total).toBe(count);
      expect(page.sessions.length).toBeLessThanOrEqual(SESSIONS_PAGE);
      seen.push(...page.sessions);
      before = page.nextBefore;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(new Set(seen.map((s) => s.id)).size).toBe(count);
    const times = seen.map((s) => s.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reads a malformed cursor as the first page', () => {
    expect(parseSessionCursor('nonsense')).toBeNull();
    expect(parseSessionCursor(undefined)).toBeNull();
    expect(parseSessionCursor('2026-12-06T08:00:00.000Z_0b6f6a6e-4a8e-4a51-9a57-0c0f3c9b1e11')).toEqual({
      at: new Date('2026-12-06T08:00:00.000Z'),
      id: '0b6f6a6e-4a8e-4a51-9a57-0c0f3c9b1e11',
    });
  });
});
