// Sessions are read from the database; a user of another issuer (the demo provider after a real
// one is configured) has no session, and an expired or deleted session is gone. The table holds only the
// SHA-256 of each cookie: what a database reader sees does not work as a cookie (issue 15 item 6).
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmptyDatabase, createTestDatabase } from '@/test/db.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { tollgateAdapter } from './adapter.ts';
import { hashSessionToken } from './session-token.ts';

const jar = { token: null as string | null };
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (name === 'authjs.session-token' && jar.token ? { name, value: jar.token } : undefined),
  }),
  headers: async () => new Headers(),
}));

let db: typeof import('@/lib/db.ts').db;
let getCurrentUser: typeof import('./session.ts').getCurrentUser;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('session');
  process.env.TOLLGATE_ROLE_MAP = 'agents-admin=reviewer';
  ({ db } = await import('@/lib/db.ts'));
  ({ getCurrentUser } = await import('./session.ts'));
  const demo = await db().user.create({
    data: { issuer: 'http://localhost:3001', subject: 'demo-reviewer', groups: ['agents-admin'], groupsClaim: true },
  });
  demoUserId = demo.id;
  const adapter = tollgateAdapter(db(), () => 'http://localhost:3001');
  await adapter.createSession!({
    sessionToken: 'demo-token',
    userId: demo.id,
    expires: new Date(Date.now() + 3600_000),
  });
  await adapter.createSession!({ sessionToken: 'old-token', userId: demo.id, expires: new Date(Date.now() - 1000) });
});
let demoUserId: string;
afterAll(() => db().$disconnect());

describe('getCurrentUser', () => {
  it('returns the user with roles derived from the groups and the role map', async () => {
    process.env.OIDC_ISSUER = 'http://localhost:3001';
    jar.token = 'demo-token';
    expect(await getCurrentUser()).toMatchObject({ subject: 'demo-reviewer', roles: ['reviewer'] });
    process.env.TOLLGATE_ROLE_MAP = 'someone-else=reviewer';
    expect((await getCurrentUser())?.roles).toEqual([]);
    process.env.TOLLGATE_ROLE_MAP = 'agents-admin=reviewer';
  });

  it('voids demo sessions once a real issuer is configured', async () => {
    process.env.OIDC_ISSUER = 'https://login.example.com';
    jar.token = 'demo-token';
    expect(await getCurrentUser()).toBeNull();
    process.env.OIDC_ISSUER = 'http://localhost:3001';
  });

  it('ignores expired and unknown sessions', async () => {
    jar.token = 'old-token';
    expect(await getCurrentUser()).toBeNull();
    jar.token = 'nope';
    expect(await getCurrentUser()).toBeNull();
  });
});

describe('session tokens at rest', () => {
  const adapter = () => tollgateAdapter(db(), () => 'http://localhost:3001');

  it('stores the SHA-256 of the cookie, never the cookie', async () => {
    const cookie = `cookie-${crypto.randomUUID()}`;
    const created = await adapter().createSession!({
      sessionToken: cookie,
      userId: demoUserId,
      expires: new Date(Date.now() + 3600_000),
    });
    expect(created.sessionToken).toBe(cookie); // Auth.js sets this as the cookie
    const rows = await db().session.findMany({ where: { userId: demoUserId } });
    expect(rows.map((r) => r.tokenHash)).toContain(hashSessionToken(cookie));
    expect(JSON.stringify(rows)).not.toContain(cookie);
  });

  it("a database reader's value does not work as a cookie", async () => {
    process.env.OIDC_ISSUER = 'http://localhost:3001';
    const cookie = `cookie-${crypto.randomUUID()}`;
    await adapter().createSession!({
      sessionToken: cookie,
      userId: demoUserId,
      expires: new Date(Date.now() + 3600_000),
    });
    const stored = (await db().session.findUniqueOrThrow({ where: { tokenHash: hashSessionToken(cookie) } })).tokenHash;
    jar.token = stored;
    expect(await getCurrentUser()).toBeNull();
    expect(await adapter().getSessionAndUser!(stored)).toBeNull();
    jar.token = cookie;
    expect(await getCurrentUser()).toMatchObject({ subject: 'demo-reviewer' });
    expect(await adapter().getSessionAndUser!(cookie)).toMatchObject({
      session: { sessionToken: cookie, userId: demoUserId },
    });
  });

  it('updates and deletes sessions by their cookie', async () => {
    const cookie = `cookie-${crypto.randomUUID()}`;
    await adapter().createSession!({
      sessionToken: cookie,
      userId: demoUserId,
      expires: new Date(Date.now() + 60_000),
    });
    const later = new Date(Date.now() + 7200_000);
    expect(await adapter().updateSession!({ sessionToken: cookie, expires: later })).toMatchObject({
      sessionToken: cookie,
      expires: later,
    });
    await adapter().deleteSession!(cookie);
    expect(await db().session.findUnique({ where: { tokenHash: hashSessionToken(cookie) } })).toBeNull();
  });

  it('the migration ends the sessions stored in clear before it', async () => {
    const all = readdirSync('prisma/migrations')
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    const mine = all.find((name) => name.endsWith('_session_token_hash'))!;
    const before = mkdtempSync(path.join(tmpdir(), 'tollgate-migrations-'));
    for (const name of all.filter((n) => n < mine))
      cpSync(path.join('prisma/migrations', name), path.join(before, name), { recursive: true });
    const url = await createEmptyDatabase();
    await migrate(url, { dir: before });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const user = await client.query<{ id: string }>(
        `INSERT INTO "User" (id) VALUES (gen_random_uuid()) RETURNING id`,
      );
      await client.query(
        `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
         VALUES (gen_random_uuid(), 'live-cookie', $1, now() + interval '1 hour')`,
        [user.rows[0]!.id],
      );
      await migrate(url);
      expect((await client.query('SELECT count(*)::int AS n FROM "Session"')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('first sign-in', () => {
  // Auth.js finds no user for a new identity in both requests, then creates and links one each: the
  // second used to fail on the (issuer, subject) key ("Unique constraint failed on User_issuer_subject_key").
  it('two first sign-ins of one person at once end with one user and both signed in', async () => {
    const adapter = tollgateAdapter(db(), () => 'http://localhost:3001');
    const signIn = async () => {
      const user = await adapter.createUser!({
        id: crypto.randomUUID(),
        subject: 'race-subject',
        email: 'race@acme.test',
        emailVerified: null,
        name: 'Race',
      } as never);
      await adapter.linkAccount!({
        userId: user.id,
        provider: 'oidc',
        providerAccountId: 'race-subject',
        type: 'oidc',
      });
      return user.id;
    };
    const ids = await Promise.all([signIn(), signIn(), signIn()]);
    const rows = await db().user.findMany({ where: { subject: 'race-subject' } });
    expect(rows).toHaveLength(1);
    expect(new Set(ids)).toEqual(new Set([rows[0]!.id]));
  });
});
