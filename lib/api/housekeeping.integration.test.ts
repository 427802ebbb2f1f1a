// The daily prune removes ended rate-limit windows and day-old idempotent answers, and nothing still in use.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';
import { pruneApiState } from './housekeeping.ts';

let db: Db;
beforeAll(async () => {
  db = createDb(await createTestDatabase('apihouse'));
});
afterAll(() => db.$disconnect());

it('prunes ended windows and answers older than 24 hours only', async () => {
  const now = new Date('2026-12-06T12:00:00Z');
  await db.apiRateLimit.createMany({
    data: [
      { key: 'api:token:old', points: 5, expire: BigInt(now.getTime() - 1) },
      { key: 'api:token:live', points: 5, expire: BigInt(now.getTime() + 30_000) },
    ],
  });
  const token = '00000000-0000-4000-8000-000000000001';
  await db.apiIdempotency.createMany({
    data: [
      {
        tokenId: token,
        key: 'old',
        requestHash: 'h',
        status: 201,
        createdAt: new Date(now.getTime() - 25 * 3_600_000),
      },
      { tokenId: token, key: 'new', requestHash: 'h', status: 201, createdAt: new Date(now.getTime() - 3_600_000) },
    ],
  });
  expect(await pruneApiState(db, now)).toEqual({ windows: 1, answers: 1 });
  expect((await db.apiRateLimit.findMany()).map((r) => r.key)).toEqual(['api:token:live']);
  expect((await db.apiIdempotency.findMany()).map((r) => r.key)).toEqual(['new']);
});
