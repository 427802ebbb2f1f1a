// Settings → API tokens' server actions as the signed-in user calls them: the token belongs to that user with a
// role they hold, a crafted form cannot ask for more, and only its owner or an admin may revoke it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyApiToken } from '@/lib/api/tokens.ts';
import { hashSessionToken } from '@/lib/auth/session-token.ts';
import type { Db } from '@/lib/db.ts';
import { createTestDatabase } from '@/test/db.ts';

const ISSUER = 'http://localhost:39999';
const state = { cookie: null as string | null };
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      name === 'authjs.session-token' && state.cookie ? { name, value: state.cookie } : undefined,
  }),
  headers: async () => new Headers({ 'x-request-id': 'api-tokens-test', 'x-forwarded-for': '127.0.0.1' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let db: Db;
const sessions = new Map<string, { token: string; userId: string }>();
let actions: typeof import('./actions.ts');

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const as = (who: string) => {
  state.cookie = sessions.get(who)!.token;
};
const create = (fields: Record<string, string>) =>
  actions.createApiTokenAction(null, form({ label: 'SIEM', workspace: 'all', days: '90', ...fields }));

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: await createTestDatabase('api_token_actions'),
    OIDC_ISSUER: ISSUER,
    TOLLGATE_ROLE_MAP: 'g-admin=admin,g-auditor=auditor,g-reviewer=reviewer',
  });
  db = (await import('@/lib/db.ts')).db();
  for (const who of ['admin', 'auditor', 'reviewer']) {
    const user = await db.user.create({
      data: {
        issuer: ISSUER,
        subject: `sub-${who}`,
        email: `${who}@example.com`,
        groups: [`g-${who}`],
        groupsClaim: true,
        lastSignInAt: new Date(),
      },
    });
    const token = `token-${who}-${Math.random()}`;
    await db.session.create({
      data: { tokenHash: hashSessionToken(token), userId: user.id, expires: new Date(Date.now() + 3600_000) },
    });
    sessions.set(who, { token, userId: user.id });
  }
  actions = await import('./actions.ts');
});
afterAll(async () => db.$disconnect());

describe('API token actions', () => {
  it('creates a token owned by the signed-in user, with the chosen role, working at once', async () => {
    as('auditor');
    const result = await create({ role: 'auditor', label: 'Nightly export' });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const created = result.ok ? result.data! : null;
    const check = await verifyApiToken(db, created!.token);
    expect(check.ok && check.token).toMatchObject({
      role: 'auditor',
      workspaceId: null,
      label: 'Nightly export',
      owner: { id: sessions.get('auditor')!.userId, label: 'auditor@example.com' },
    });
  });

  it('refuses a role above the user’s own and an expiry not offered, storing nothing', async () => {
    as('auditor');
    const before = await db.apiToken.count();
    expect(await create({ role: 'admin' })).toMatchObject({ ok: false, status: 403 });
    expect(await create({ role: 'auditor', days: '400' })).toMatchObject({ ok: false, status: 422 });
    expect(await create({ role: 'auditor', workspace: 'ws-none' })).toMatchObject({ ok: false, status: 404 });
    expect(await db.apiToken.count()).toBe(before);
  });

  it('lets only the owner or an admin revoke a token', async () => {
    as('auditor');
    const made = await create({ role: 'auditor', label: 'To revoke' });
    const { token } = made.ok ? made.data! : { token: '' };
    const row = await db.apiToken.findFirstOrThrow({ where: { label: 'To revoke' } });
    as('reviewer');
    const stranger = await actions.revokeApiTokenAction(null, form({ tokenId: row.id }));
    expect(stranger).toMatchObject({ ok: false, status: 404 });
    expect((await verifyApiToken(db, token)).ok).toBe(true);
    as('admin');
    expect(await actions.revokeApiTokenAction(null, form({ tokenId: row.id }))).toMatchObject({ ok: true });
    expect(await verifyApiToken(db, token)).toMatchObject({ ok: false, reason: 'token-revoked' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'api_token.revoke', targetId: row.id } });
    expect(audit.actorLabel).toBe('admin@example.com');
  });
});
