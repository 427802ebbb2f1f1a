// --out never destroys a file this run did not create: `tollgate oscal` and `tollgate evidence pack` as an
// operator runs them, and the helper under them with a write that fails half-way.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { writeNewFile } from './out-file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-out-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-out-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
let url: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** One line, one sentence, no stack trace. */
function expectOneSentence(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/EEXIST|errno/);
}

beforeAll(async () => {
  url = await createTestDatabase('cli_out');
  const db = createDb(url);
  await createWorkspace(
    db,
    { id: null, label: 'test', role: null },
    { id: 'ws-cli-out', name: 'CLI out', kind: 'workspace', principal: null },
  );
  await db.$disconnect();
});

describe('--out refuses an existing file and leaves it as it was', { timeout: 120_000 }, () => {
  it('tollgate oscal --out EXISTING exits 1 with one sentence and keeps the file', async () => {
    const file = path.join(dir, 'keep.json');
    writeFileSync(file, 'precious');
    const res = await run(['oscal', '--out', file, '--workspace', 'ws-cli-out']);
    expect(res.code).toBe(1);
    expectOneSentence(res.stderr);
    expect(res.stderr).toContain(`${file} already exists`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('tollgate evidence pack --out EXISTING exits 1 with one sentence and keeps the file', async () => {
    const file = path.join(dir, 'keep.zip');
    writeFileSync(file, 'precious');
    const res = await run([
      'evidence',
      'pack',
      '--framework',
      'soc2',
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
      '--out',
      file,
      '--workspace',
      'ws-cli-out',
    ]);
    expect(res.code).toBe(1);
    expectOneSentence(res.stderr);
    expect(res.stderr).toContain(`${file} already exists`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('writes a new --out', async () => {
    const file = path.join(dir, 'results.json');
    const res = await run(['oscal', '--out', file, '--workspace', 'ws-cli-out']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('assessment-results');
  });

  it('an --out in a missing folder is one sentence naming the folder', async () => {
    const file = path.join(dir, 'nowhere', 'results.json');
    const res = await run(['oscal', '--out', file, '--workspace', 'ws-cli-out']);
    expect(res.code).toBe(1);
    expectOneSentence(res.stderr);
    expect(res.stderr).toContain(`the folder ${path.join(dir, 'nowhere')} does not exist`);
  });
});

describe('writeNewFile', () => {
  it('refuses a file that appeared after the early check, without touching it', async () => {
    const file = path.join(dir, 'raced.json');
    writeFileSync(file, 'theirs');
    await expect(writeNewFile(file, async (s) => void s.end('mine'))).rejects.toThrow(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('theirs');
  });

  it('removes only the file it created when the write fails half-way', async () => {
    const file = path.join(dir, 'partial.json');
    await expect(
      writeNewFile(file, async (s) => {
        s.write('half');
        throw new Error('generation failed');
      }),
    ).rejects.toThrow('generation failed');
    expect(existsSync(file)).toBe(false);
  });

  it('a stream error (not a thrown one) is reported, not an uncaught crash', async () => {
    const file = path.join(dir, 'stream-error.json');
    await expect(
      writeNewFile(file, (s) => {
        setTimeout(
          () =>
            (s as unknown as { destroy(e: Error): void }).destroy(
              Object.assign(new Error('ENOSPC: no space'), { code: 'ENOSPC' }),
            ),
          5,
        );
        return new Promise(() => undefined); // a generator that never notices
      }),
    ).rejects.toThrow(/the disk is full/);
    expect(existsSync(file)).toBe(false);
  });

  it('writes a new file', async () => {
    const file = path.join(dir, 'new.json');
    await writeNewFile(file, async (s) => void s.end('{}'));
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });
});
