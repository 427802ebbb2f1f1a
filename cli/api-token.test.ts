// `tollgate api-token create|list|revoke` as an operator scripts an integration: a real process against a real
// database, the token then checked by the same verification the API runs.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { verifyApiToken } from '@/lib/api/tokens.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-api-token-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const ROLE_MAP = 'g-admin=admin,g-auditor=auditor,g-ic=incident-commander';
let url: string;
let db: Db;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'api-token', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir, TOLLGATE_ROLE_MAP: ROLE_MAP } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

async function user(email: string, group: string, daysAgo: number) {
  return db.user.create({
    data: {
      issuer: 'http://localhost:39999',
      subject: `sub-${email}`,
      email,
      groups: [group],
      groupsClaim: true,
      lastSignInAt: new Date(Date.now() - daysAgo * 86_400_000),
    },
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_api_token');
  db = createDb(url);
  process.env.TOLLGATE_ROLE_MAP = ROLE_MAP;
  await createWorkspace(
    db,
    { id: null, label: 'test', role: null },
    { id: 'ws-cli-api', name: 'CLI API', kind: 'workspace', principal: null },
  );
  await user('ada@example.com', 'g-admin', 1);
  await user('ivan@example.com', 'g-ic', 2);
  await user('old@example.com', 'g-admin', 31);
});
afterAll(async () => db.$disconnect());

describe('tollgate api-token', { timeout: 120_000 }, () => {
  it('creates a working token printed alone on stdout, lists it without the secret, and revokes it', async () => {
    const made = await run(
      'create',
      ...['--role', 'auditor', '--workspace', 'ws-cli-api', '--owner', 'ADA@example.com', '--expires', '30d'],
      ...['--label', 'SIEM pull'],
    );
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^tg_api_[0-9A-Za-z]{46}$/);
    expect(made.stderr).toContain('shown only now');
    const check = await verifyApiToken(db, token);
    expect(check.ok && check.token).toMatchObject({ role: 'auditor', workspaceId: 'ws-cli-api', label: 'SIEM pull' });
    const row = await db.apiToken.findFirstOrThrow({ where: { label: 'SIEM pull' } });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'api_token.create', targetId: row.id } });
    expect(audit.actorLabel).toMatch(/^cli:/);

    const listed = await run('list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(token.slice(13));
    expect(JSON.parse(listed.stdout)).toContainEqual(
      expect.objectContaining({ id: row.id, status: 'active', owner: 'ada@example.com', workspace: 'ws-cli-api' }),
    );

    const revoked = await run('revoke', row.id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await verifyApiToken(db, token)).toMatchObject({ ok: false, reason: 'token-revoked' });
    const again = JSON.parse((await run('list', '--json')).stdout) as { id: string; status: string }[];
    expect(again.find((t) => t.id === row.id)?.status).toBe('revoked');
    expect((await run('revoke', row.id)).stderr).toContain('already revoked');
  });

  it('makes a token of every workspace with --workspace all for an owner named by subject, 90 days', async () => {
    const made = await run(
      'create',
      '--role',
      'incident-commander',
      '--workspace',
      'all',
      '--owner',
      'sub-ivan@example.com',
    );
    expect(made.code, made.stderr).toBe(0);
    const check = await verifyApiToken(db, made.stdout.trim());
    expect(check.ok && check.token).toMatchObject({ role: 'incident-commander', workspaceId: null });
    const row = await db.apiToken.findFirstOrThrow({ where: { role: 'incident-commander' } });
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000)).toBe(90);
  });

  it('refuses an owner who lacks the role, has not signed in for 30 days, or does not exist', async () => {
    const above = await run('create', '--role', 'auditor', '--workspace', 'all', '--owner', 'ivan@example.com');
    expect(above).toMatchObject({ code: 1, stdout: '' });
    expect(above.stderr).toContain('does not hold the auditor role');
    const idle = await run('create', '--role', 'admin', '--workspace', 'all', '--owner', 'old@example.com');
    expect(idle).toMatchObject({ code: 1, stdout: '' });
    expect(idle.stderr).toContain('has not signed in to Tollgate for 30 days');
    const nobody = await run('create', '--role', 'admin', '--workspace', 'all', '--owner', 'eve@example.com');
    expect(nobody.stderr).toContain('No dashboard user with email or subject "eve@example.com"');
    expect(
      await db.apiToken.count({
        where: {
          owner: { email: { in: ['ivan@example.com', 'old@example.com'] } },
          role: { not: 'incident-commander' },
        },
      }),
    ).toBe(0);
  });

  it('reads roles as a demo install does when neither a role map nor an IdP is configured', async () => {
    await user('demo@example.com', 'tollgate-admins', 0);
    const { TOLLGATE_ROLE_MAP: _, OIDC_ISSUER: __, ...env } = process.env;
    const made = await new Promise<{ code: number; stderr: string }>((resolve) => {
      const args = ['api-token', 'create', '--role', 'admin', '--workspace', 'all', '--owner', 'demo@example.com'];
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { ...env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
        (error, _out, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(made.code, made.stderr).toBe(0);
  });

  it('answers usage errors with exit 2 naming what is missing or wrong', async () => {
    // Refused before any database: parsed in this process (cli/usage.test.ts proves main.ts's exit 2 for real).
    const parse = (...args: string[]) =>
      runCliInProcess(['api-token', ...args], { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir });
    const noOwner = await parse('create', '--role', 'admin', '--workspace', 'all');
    expect(noOwner.code).toBe(2);
    expect(noOwner.stderr).toContain("required option '--owner");
    const long = await parse(
      'create',
      '--role',
      'admin',
      '--workspace',
      'all',
      '--owner',
      'ada@example.com',
      '--expires',
      '2y',
    );
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('1 year');
    expect((await parse('create', '--role', 'owner', '--workspace', 'all', '--owner', 'ada@example.com')).code).toBe(2);
    expect((await parse('revoke', 'nope')).code).toBe(2);
    const unknownWs = await run('create', '--role', 'admin', '--workspace', 'ws-nope', '--owner', 'ada@example.com');
    expect(unknownWs).toMatchObject({ code: 1 });
    expect(unknownWs.stderr).toContain('No workspace with id ws-nope');
  });
});
