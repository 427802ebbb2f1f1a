// The API's conventions, end to end through the route handler on a real PostgreSQL: token refusals by kind,
// problem+json for unknown paths and parameters, workspace scope as 404, rate limit shared in the database,
// Idempotency-Key, ETag/If-None-Match, and cursors that neither repeat nor skip under concurrent inserts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { api, loadApi, makeToken, makeUser } from '@/test/api.ts';
import { createTestDatabase } from '@/test/db.ts';
import { revokeApiToken, verifyApiToken } from './tokens.ts';
import { newApiToken } from './token-format.ts';

let db: Db;
const admin = { id: null, label: 'test-admin', role: 'admin' };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase('api');
  process.env.TOLLGATE_API_RATE_LIMIT = '1000';
  db = createDb(process.env.DATABASE_URL);
  await loadApi();
  for (const id of ['ws-a', 'ws-b'])
    await createWorkspace(db, admin, { id, name: `Workspace ${id}`, kind: 'workspace', principal: null });
});
afterAll(async () => {
  await db.$disconnect();
  const { db: appDb } = await import('@/lib/db.ts');
  await appDb().$disconnect();
});

const PROBLEM = 'https://tollgate.dev/problems/';

describe('tokens', () => {
  it('refuses a missing, malformed, unknown, revoked, expired or orphaned token, each with its type', async () => {
    expect((await api('GET', '/workspaces')).json).toMatchObject({ type: `${PROBLEM}token-missing`, status: 401 });
    const bad = await api('GET', '/workspaces', { token: 'tg_api_nope' });
    expect(bad.status).toBe(401);
    expect(bad.json?.type).toBe(`${PROBLEM}token-invalid`);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect((await api('GET', '/workspaces', { token: newApiToken() })).json?.type).toBe(`${PROBLEM}token-invalid`);

    const revoked = await makeToken(db, 'auditor', null);
    await revokeApiToken(db, admin, revoked.id, true);
    expect((await api('GET', '/workspaces', { token: revoked.token })).json?.type).toBe(`${PROBLEM}token-revoked`);

    const expiring = await makeToken(db, 'auditor', null);
    await db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api('GET', '/workspaces', { token: expiring.token })).json?.type).toBe(`${PROBLEM}token-expired`);

    const idle = await makeToken(db, 'auditor', null);
    await db.user.update({
      where: { id: idle.ownerId },
      data: { lastSignInAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    expect((await api('GET', '/workspaces', { token: idle.token })).json?.type).toBe(`${PROBLEM}token-owner-inactive`);

    const demoted = await makeToken(db, 'admin', null);
    await db.user.update({ where: { id: demoted.ownerId }, data: { groups: ['g-auditor'] } });
    const check = await verifyApiToken(db, demoted.token);
    expect(check.ok ? null : check.reason).toBe('token-owner-inactive');
  });

  it('stores only the hash and a clear prefix', async () => {
    const made = await makeToken(db, 'auditor', 'ws-a');
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(made.token).toMatch(/^tg_api_[0-9A-Za-z]{46}$/);
    expect(JSON.stringify(row)).not.toContain(made.token.slice(13));
    expect(row.prefix).toBe(made.token.slice(0, 13));
  });

  it('never carries more than its owner', async () => {
    const { createApiToken } = await import('./tokens.ts');
    const owner = await makeUser(db, 'auditor');
    await expect(
      createApiToken(
        db,
        admin,
        { id: owner.id, roles: ['auditor'] },
        { role: 'admin', workspaceId: null, label: 'x', days: 1 },
      ),
    ).rejects.toThrow(/more than its owner/);
    await expect(
      createApiToken(
        db,
        admin,
        { id: owner.id, roles: ['auditor'] },
        { role: 'auditor', workspaceId: null, label: 'x', days: 366 },
      ),
    ).rejects.toThrow(/1 year/);
  });
});

describe('conventions', () => {
  it('answers an unknown path and an unknown parameter with problem+json', async () => {
    const { token } = await makeToken(db, 'auditor', null);
    const missing = await api('GET', '/nothing/here', { token });
    expect(missing.status).toBe(404);
    expect(missing.json?.type).toBe(`${PROBLEM}not-found`);
    const unknown = await api('GET', '/workspaces?limit=5&colour=red', { token });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ type: `${PROBLEM}unknown-parameter`, errors: [{ field: 'query.colour' }] });
    const tooMany = await api('GET', '/workspaces?limit=501', { token });
    expect(tooMany.json).toMatchObject({ status: 400, errors: [{ field: 'query.limit' }] });
    const badCursor = await api('GET', '/workspaces?cursor=zzz', { token });
    expect(badCursor.json?.type).toBe(`${PROBLEM}invalid-cursor`);
    const method = await api('DELETE', '/workspaces', { token });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
  });

  it('keeps a workspace token inside its workspace: another is a 404, not a 403', async () => {
    const { token } = await makeToken(db, 'auditor', 'ws-a');
    expect((await api('GET', '/workspaces/ws-a', { token })).json).toEqual({ id: 'ws-a', name: 'Workspace ws-a' });
    const other = await api('GET', '/workspaces/ws-b', { token });
    expect(other.status).toBe(404);
    expect((await api('GET', '/workspaces/ws-nope', { token })).json?.detail).toBe(other.json?.detail);
    expect((await api('GET', '/workspaces', { token })).json).toEqual({
      data: [{ id: 'ws-a', name: 'Workspace ws-a' }],
      next_cursor: null,
    });
  });

  it('answers 304 to If-None-Match with the ETag it gave', async () => {
    const { token } = await makeToken(db, 'auditor', null);
    const first = await api('GET', '/workspaces', { token });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await api('GET', '/workspaces', { token, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await api('GET', '/workspaces', { token, headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('pages by cursor without repeating or skipping rows while others are inserted', async () => {
    const { token } = await makeToken(db, 'auditor', null);
    for (let i = 0; i < 25; i++)
      await db.workspace.create({
        data: { id: `page-${String(i).padStart(2, '0')}`, name: `P${i}`, kind: 'workspace' },
      });
    const before = (await db.workspace.findMany({ select: { id: true } })).map((w) => w.id).sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const page: Awaited<ReturnType<typeof api>> = await api(
        'GET',
        `/workspaces?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      const data = page.json!.data as { id: string }[];
      seen.push(...data.map((w) => w.id));
      cursor = page.json!.next_cursor as string | null;
      // Someone inserts rows before and after the walk's position between two pages.
      await db.workspace.create({ data: { id: `aaa-${inserted}`, name: 'early', kind: 'workspace' } });
      await db.workspace.create({ data: { id: `zzz-${inserted}`, name: 'late', kind: 'workspace' } });
      inserted += 1;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });

  it('shares the rate limit through PostgreSQL, says so in RateLimit headers, then 429 + Retry-After', async () => {
    const { token } = await makeToken(db, 'auditor', null);
    process.env.TOLLGATE_API_RATE_LIMIT = '3';
    try {
      const first = await api('GET', '/workspaces', { token });
      expect(first.headers.get('ratelimit-policy')).toBe('"per-token";q=3;w=60');
      expect(first.headers.get('ratelimit')).toMatch(/^"per-token";r=2;t=\d+$/);
      await api('GET', '/workspaces', { token });
      await api('GET', '/workspaces', { token });
      const refused = await api('GET', '/workspaces', { token });
      expect(refused.status).toBe(429);
      expect(refused.json?.type).toBe(`${PROBLEM}rate-limited`);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const rows = await db.apiRateLimit.findMany();
      expect(rows.some((r) => r.points >= 4)).toBe(true);
    } finally {
      process.env.TOLLGATE_API_RATE_LIMIT = '1000';
    }
  });

  it('audits reads by sample and records the last use', async () => {
    const made = await makeToken(db, 'auditor', null);
    await api('GET', '/workspaces', { token: made.token, headers: { 'x-forwarded-for': '203.0.113.9' } });
    await api('GET', '/workspaces', { token: made.token, headers: { 'x-forwarded-for': '203.0.113.9' } });
    const reads = await db.auditEvent.findMany({ where: { action: 'api.read', targetId: made.id } });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorLabel).toContain(made.prefix);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.lastUsedIp).toBe('203.0.113.9');
    expect(row.lastUsedAt).not.toBeNull();
  });
});
