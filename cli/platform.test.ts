// `tollgate platform configure` and `tollgate platform test` as an admin of a headless install runs them: real
// processes against a real database and the simulated platform.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '@/test/cli-in-process.ts';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { ACT_KEY_PURPOSE } from '@/lib/platform/kinds.ts';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-platform-data-'));
const files = mkdtempSync(path.join(tmpdir(), 'tollgate-platform-keys-'));
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const SECRET = 'a-cli-secret-key-of-at-least-32-characters';
const READ = 'sk-read-cli-3e4f5a';
const ACT = 'sk-act-cli-6b7c8d';
let url: string;
let db: Db;
let sim: PlatformSim;

/** A key file of mode 600 (or `mode`) holding `text`. */
function keyFile(name: string, text: string, mode = 0o600): string {
  const file = path.join(files, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function run(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, 'platform', ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          TOLLGATE_DATA_DIR: dataDir,
          TOLLGATE_SECRET_KEY: SECRET,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

const auditCount = () => db.auditEvent.count({ where: { targetType: 'compliance_source' } });

beforeAll(async () => {
  url = await createTestDatabase('cli_platform');
  db = createDb(url);
  sim = await startPlatformSim({ principal: 'p-cli-platform', source: arraySource([]), apiKey: READ, actKey: ACT });
  const actor = { id: null, label: 'test', role: null };
  await createWorkspace(db, actor, { id: 'ws-cli-pf', name: 'CLI', kind: 'workspace', principal: 'p-cli-platform' });
});
afterAll(async () => {
  await sim.close();
  await db.$disconnect();
});

describe('tollgate platform', { timeout: 120_000 }, () => {
  it('configures both keys from files, then tests them', async () => {
    const read = keyFile('read.key', `${READ}\n`);
    const act = keyFile('act.key', `${ACT}\r\n`);
    const args = ['--base-url', sim.url, '--read-key-file', read, '--act-key-file', act, '--log-types', 'AUDIT_LOG'];
    const configured = await run(['configure', ...args, '--json']);
    expect(configured.code, configured.stderr).toBe(0);
    expect(JSON.parse(configured.stdout)).toEqual({
      workspace: 'ws-cli-pf',
      base_url: sim.url,
      read_key: 'stored',
      act_key: 'stored',
      keys_cleared_by_origin_change: false,
    });
    const row = await db.complianceSource.findUniqueOrThrow({ where: { workspaceId: 'ws-cli-pf' } });
    expect(row).toMatchObject({ logTypes: ['AUDIT_LOG'], enabled: true, updatedBy: expect.stringMatching(/^cli:/) });
    expect(open(SECRET, API_KEY_PURPOSE, row.keyCiphertext)).toBe(READ);
    expect(open(SECRET, ACT_KEY_PURPOSE, row.actKeyCiphertext!)).toBe(ACT);

    const tested = await run(['test', '--json']);
    expect(tested.code, tested.stderr).toBe(0);
    expect(JSON.parse(tested.stdout)).toEqual({
      workspace: 'ws-cli-pf',
      read: { ok: true, status: 200, detail: expect.stringContaining('the read key reads'), at: expect.any(String) },
      act: {
        ok: true,
        status: 404,
        detail: expect.stringContaining('the act key is accepted'),
        at: expect.any(String),
      },
    });
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: 'ws-cli-pf', targetType: 'compliance_source' },
    });
    expect(audit.map((a) => a.action)).toEqual(['logs.source.create', 'platform.key.test', 'platform.key.test']);
    expect(audit.every((a) => a.actorLabel.startsWith('cli:'))).toBe(true);
    const text = JSON.stringify(audit, (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(text).not.toContain(READ);
    expect(text).not.toContain(ACT);
  });

  it('refuses a key given as an argument, and key files that are empty, shared or not one key (exit 2)', async () => {
    const before = await auditCount();
    const good = keyFile('good.key', READ);
    const cases: [string[], RegExp][] = [
      [['--read-key', READ], /keys are read from files only/],
      [['--read-key-file', good, '--act-key', ACT], /keys are read from files only/],
      [['--read-key-file', keyFile('empty.key', '\n')], /the file is empty/],
      [['--read-key-file', keyFile('shared.key', READ, 0o644)], /other users can read it \(mode 644\); run chmod 600/],
      [['--read-key-file', keyFile('two.key', `${READ}\n${ACT}\n`)], /put the key alone in the file/],
      [['--read-key-file', path.join(files, 'missing.key')], /no such file/],
      [[], /--read-key-file F is required/],
    ];
    // Refused before any database: parsed in this process (cli/usage.test.ts proves main.ts's exit 2 for real).
    for (const [extra, message] of cases) {
      const result = await runCliInProcess(['platform', 'configure', '--base-url', sim.url, ...extra], {
        DATABASE_URL: url,
        TOLLGATE_DATA_DIR: dataDir,
        TOLLGATE_SECRET_KEY: SECRET,
      });
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr, extra.join(' ')).toMatch(message);
      expect(result.stderr + result.stdout).not.toContain(ACT);
    }
    expect(await auditCount()).toBe(before);
  });

  it('refuses the same key in both files, naming the fields (exit 1)', async () => {
    const same = keyFile('same.key', READ);
    const result = await run(['configure', '--base-url', sim.url, '--read-key-file', same, '--act-key-file', same]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the read key field .* the act key field/);
  });

  it('clears both keys when the base URL moves to another origin, and says so', async () => {
    const other = sim.url.replace('127.0.0.1', 'localhost'); // the same server, another origin
    const read = keyFile('read2.key', READ);
    const result = await run(['configure', '--base-url', other, '--read-key-file', read, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      read_key: 'stored',
      act_key: 'none',
      keys_cleared_by_origin_change: true,
    });
    const text = await run(['test']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('act key: none stored: suspensions fall back to the console steps');
  });

  it('fails the test of a key entered in the other field, naming it (exit 1)', async () => {
    const swappedRead = keyFile('swapped-read.key', ACT);
    const swappedAct = keyFile('swapped-act.key', READ);
    const args = ['--base-url', sim.url, '--read-key-file', swappedRead, '--act-key-file', swappedAct];
    expect((await run(['configure', ...args])).code).toBe(0);
    const tested = await run(['test']);
    expect(tested.code).toBe(1);
    expect(tested.stdout).toContain('read key: FAILED: the read key cannot read (403): is this the act key');
    expect(tested.stdout).toContain('act key: FAILED: the act key lacks the delete/act scope (403)');
  });

  it('removes the stored act key on request, keeping the read key', async () => {
    const read = keyFile('read4.key', READ);
    const act = keyFile('act4.key', ACT);
    const base = ['configure', '--base-url', sim.url, '--read-key-file', read];
    expect((await run([...base, '--act-key-file', act])).code).toBe(0);
    const both = await run([...base, '--act-key-file', act, '--remove-act-key']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --act-key-file or --remove-act-key, not both');
    const removed = await run([...base, '--remove-act-key', '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({ read_key: 'stored', act_key: 'none' });
    const row = await db.complianceSource.findUniqueOrThrow({ where: { workspaceId: 'ws-cli-pf' } });
    expect(row.actKeyCiphertext).toBeNull();
  });

  it('refuses to seal keys without the install’s secret when DATABASE_URL is set', async () => {
    const read = keyFile('read3.key', READ);
    const result = await run(['configure', '--base-url', sim.url, '--read-key-file', read], {
      TOLLGATE_SECRET_KEY: undefined,
      TOLLGATE_DATA_DIR: path.join(files, 'no-data-dir'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/TOLLGATE_SECRET_KEY: is not set; with DATABASE_URL/);
  });
});
