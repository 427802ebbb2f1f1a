// `tollgate ingest` with hostile records (issue 15, item 4): a line nested 100,000 levels deep, or with a NUL deep
// inside, is quarantined with its number — no "Maximum call stack size exceeded", the rest of the file stored.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-ingest-hostile-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-ingest-hostile-data-'));
chmodSync(dataDir, 0o755);
const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
let url: string;

beforeAll(async () => {
  url = await createTestDatabase('cli_ingest_hostile');
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'ingest', ...args],
      { env: { ...process.env, DATABASE_URL: url, TOLLGATE_DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const record = (id: string, details: string) =>
  `{"event_id":"${id}","type":"CUSTOM_AGENTS_LOG","timestamp":"2026-04-01T00:00:00Z","principal":{"id":"p-cli"},` +
  `"event_type":"AGENT_RUN_MESSAGE","event_details":${details}}`;

describe('tollgate ingest with deep records', () => {
  it('quarantines the deep and the deep-NUL lines by number and stores the rest', async () => {
    const file = path.join(dir, 'deep.jsonl');
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const deepNul = `${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`;
    writeFileSync(
      file,
      [
        record('c1', '{"agent_id":"a1","text":"hi"}'),
        record('c2', `{"agent_id":"a1","text":${deep}}`),
        record('c3', `{"agent_id":"a1","text":${deepNul}}`),
        record('c4', '{"agent_id":"a1","text":"bye"}'),
      ].join('\n'),
    );
    const result = await run([file, '--json']);
    expect(result.stderr).not.toMatch(/Maximum call stack/);
    expect(JSON.parse(result.stdout)).toEqual({
      files: 1,
      lines: 4,
      inserted: 2,
      duplicates: 0,
      failed: [],
      quarantined: [
        { file, line: 2, reason: 'nested more than 64 levels deep' },
        { file, line: 3, reason: 'nested more than 64 levels deep' },
      ],
    });
    expect(result.code).toBe(1); // quarantined lines: exit 1, as documented
  });
});
