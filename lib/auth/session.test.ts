// Sessions are read from the database; a user of another issuer (the demo provider after a real
// one is configured) has no session, and an expired or deleted session is gone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';

const jar = { token: null as string | null };
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'authjs.session-token' && jar.token ? { name, value: jar.token } : undefined) }),
  headers: async () => new Headers(),
}));

let db: typeof import('../db.ts').db;
let getCurrentUser: typeof import('./session.ts').getCurrentUser;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('session');
  process.env.TOLLGATE_ROLE_MAP = 'agents-admin=reviewer';
  ({ db } = await import('../db.ts'));
  ({ getCurrentUser } = await import('./session.ts'));
  const demo = await db().user.create({ data: { issuer: 'http://localhost:3001', subject: 'demo-reviewer', groups: ['agents-admin'], groupsClaim: true } });
  await db().session.create({ data: { sessionToken: 'demo-token', userId: demo.id, expires: new Date(Date.now() + 3600_000) } });
  await db().session.create({ data: { sessionToken: 'old-token', userId: demo.id, expires: new Date(Date.now() - 1000) } });
});
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
