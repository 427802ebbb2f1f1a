// `tollgate scim-token create` as an admin scripts an IdP setup: a real process against a real database.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { verifyScimToken } from '@/lib/scim/tokens.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-scim-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
let url: string;
let db: Db;

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'scim-token', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  url = await createTestDatabase('cli_scim');
  db = createDb(url);
  await createWorkspace(
    db,
    { id: null, label: 'test', role: null },
    { id: 'ws-cli-scim', name: 'CLI SCIM', kind: 'workspace', principal: null },
  );
});
afterAll(async () => db.$disconnect());

describe('tollgate scim-token create', { timeout: 60_000 }, () => {
  it('prints a working token once on stdout and stores only its hash', async () => {
    const { code, stdout, stderr } = await run('create', '--workspace', 'ws-cli-scim', '--label', 'Entra ID');
    expect(code, stderr).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^tg_scim_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toContain('shown only now');
    const row = await db.scimToken.findFirstOrThrow({ where: { workspaceId: 'ws-cli-scim' } });
    expect(row).toMatchObject({ label: 'Entra ID', prefix: token.slice(0, 14) });
    expect(row.tokenHash).not.toContain(token.slice(8));
    expect(await verifyScimToken(db, token)).toMatchObject({ workspaceId: 'ws-cli-scim', label: 'Entra ID' });
    expect(
      (await db.auditEvent.findFirstOrThrow({ where: { action: 'scim_token.create', targetId: row.id } })).actorLabel,
    ).toMatch(/^cli:/);
  });

  it('refuses a missing or unknown workspace with a clear message', async () => {
    expect(await run('create')).toMatchObject({ code: 2 });
    const unknown = await run('create', '--workspace', 'ws-nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workspace with id ws-nope');
  });
});
