// `tollgate import members` as an admin runs it: a real process against a real database, its exit code and output.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-members-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-members-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const HEADER = 'email,name,role,status,groups,agent_roles';
let url: string;
let db: Db;

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, `${lines.join('\r\n')}\r\n`);
  return p;
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'import', 'members', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const members = (workspaceId: string) =>
  db.member.findMany({
    where: { workspaceId },
    orderBy: { email: 'asc' },
    select: { email: true, workspaceRole: true, status: true },
  });

beforeAll(async () => {
  url = await createTestDatabase('cli_members');
  db = createDb(url);
  for (const id of ['ws-m-ok', 'ws-m-invalid'])
    await createWorkspace(
      db,
      { id: null, label: 'test', role: null },
      { id, name: id, kind: 'workspace', principal: null },
    );
});
afterAll(async () => db.$disconnect());

describe('tollgate import members', { timeout: 60_000 }, () => {
  it('imports a full export, then marks CSV members it no longer lists removed (--json), recording who', async () => {
    const first = file('first.csv', [
      `\ufeff${HEADER}`,
      'Ann@acme.example,"Lee, Ann",Owner,Active,agents-admin;agents-build,',
      'bob@acme.example,Bob,member,active,agents-run,agents-build',
    ]);
    const one = await run(first, '--workspace', 'ws-m-ok');
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`Preview of ${first} for workspace ws-m-ok (full export):`);
    expect(one.stdout).toContain('2 row(s): 2 new, 0 changed, 0 unchanged, 0 to mark removed, 0 invalid');
    expect(one.stdout).toContain('Imported: 2 new, 0 changed, 0 unchanged, 0 marked removed.');
    expect(one.stdout).toContain('Groups created: agents-admin, agents-build, agents-run');

    const second = file('second.csv', [HEADER, 'ann@acme.example,"Lee, Ann",admin,active,agents-admin,']);
    const two = await run(second, '--workspace', 'ws-m-ok', '--json');
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({
      workspaceId: 'ws-m-ok',
      importId: expect.any(String),
      created: 0,
      changed: 1,
      removed: 1,
      skippedCount: 0,
    });
    expect(await members('ws-m-ok')).toEqual([
      { email: 'ann@acme.example', workspaceRole: 'admin', status: 'active' },
      { email: 'bob@acme.example', workspaceRole: 'member', status: 'removed' },
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'roster.import', workspaceId: 'ws-m-ok' } });
    expect(audit.actorLabel).toMatch(/^cli:.+/);
  });

  it('exits 2, importing nothing, on invalid rows or an unreadable file; --skip-invalid: the rest', async () => {
    // The same command in this process (the test above runs real processes): a second of CPU less per run.
    const run = (...args: string[]) =>
      runCliInProcess(['import', 'members', ...args], { DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir });
    const csv = file('invalid.csv', [
      HEADER,
      'c@acme.example,C,member,active,,',
      'd@acme.example,D,superuser,active,,',
      'C@acme.example,C2,member,active,,',
    ]);
    const bad = await run(csv, '--workspace', 'ws-m-invalid');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${csv}:3: unknown role "superuser" (expected owner, admin or member)`);
    expect(bad.stderr).toContain(`${csv}:4: duplicate email c@acme.example (first on line 2)`);
    expect(bad.stderr).toContain('2 invalid row(s): nothing was imported');
    expect(await members('ws-m-invalid')).toEqual([]);

    const noColumn = file('no-column.csv', ['email,name,role,status', 'e@acme.example,E,member,active']);
    expect(await run(noColumn, '--workspace', 'ws-m-invalid')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${noColumn}:1: missing columns groups, agent_roles`),
    });
    expect(await run(path.join(dir, 'nope.csv'), '--workspace', 'ws-m-invalid')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file'),
    });
    expect(
      await db.memberImport.findMany({ where: { workspaceId: 'ws-m-invalid' }, select: { status: true } }),
    ).toEqual([{ status: 'discarded' }, { status: 'discarded' }]);

    const skipped = await run(csv, '--workspace', 'ws-m-invalid', '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain(
      'Imported: 1 new, 0 changed, 0 unchanged, 0 marked removed, 2 invalid row(s) skipped.',
    );
    expect(await members('ws-m-invalid')).toEqual([
      { email: 'c@acme.example', workspaceRole: 'member', status: 'active' },
    ]);
  });
});
