// GET /api/health through publicRoute, against a real PostgreSQL and against one that does not answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import type { Db } from '@/lib/db.ts';

const state = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock('@/lib/db.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db.ts')>()),
  db: () => state.db!,
}));

const { createDb } = await import('@/lib/db.ts');
const { GET } = await import('@/app/api/health/route.ts');
const { publicRoute } = await import('@/lib/http/public-route.ts');
const { AppError } = await import('@/lib/http/app-error.ts');

let live: Db;
beforeAll(async () => {
  live = createDb(await createTestDatabase('health'));
});
afterAll(async () => {
  await live.$disconnect();
});

const get = () => GET(new Request('http://localhost:3000/api/health'));

describe('GET /api/health', () => {
  it('answers ok with the database round trip, from the handle publicRoute gives it', async () => {
    state.db = live;
    const res = await get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', app: 'ok', database: { status: 'ok' } });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    // Load shedding's state (decision 0035): nothing refused in this process.
    expect(body.admission).toMatchObject({ shedding: false, inFlight: 0, shedTotal: 0 });
  });

  it('answers 503 degraded when the database does not answer', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const dead = createDb('postgresql://nobody:x@127.0.0.1:1/none');
    state.db = dead;
    const res = await get();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'degraded',
      app: 'ok',
      database: { status: 'unreachable' },
      admission: expect.objectContaining({ shedding: false }),
    });
    await dead.$disconnect();
  });
});

describe('publicRoute', () => {
  it('turns an AppError into its status and refuses a cross-site POST', async () => {
    state.db = live;
    const failing = publicRoute(async () => {
      throw new AppError('not_found', 'Nothing here.');
    });
    expect((await failing(new Request('http://localhost:3000/x'))).status).toBe(404);
    const post = publicRoute(async () => new Response('changed'));
    const crossSite = new Request('http://localhost:3000/x', {
      method: 'POST',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
    });
    expect((await post(crossSite)).status).toBe(403);
  });
});
