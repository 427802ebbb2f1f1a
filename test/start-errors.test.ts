// `npm start` with a misconfiguration ends with one sentence naming the setting — no stack trace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function start(env: Record<string, string>) {
  try {
    await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr.trim() };
  }
}

describe('npm start refuses a misconfiguration in one sentence', () => {
  it.each([
    [{ HOST: '0.0.0.0' }, /^Tollgate cannot start — OIDC_ISSUER: is not set.*configure OIDC_ISSUER.*\.$/],
    [{ TOLLGATE_DATA_DIR: 'package.json/data' }, /^Tollgate cannot start — TOLLGATE_DATA_DIR: the data directory .* is not writable\.$/],
    [{ DATABASE_URL: 'postgresql://tollgate:x@127.0.0.1:1/tollgate', TOLLGATE_DATA_DIR: '.test-data/start-errors' }, /^Tollgate cannot start — DATABASE_URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/tollgate \(ECONNREFUSED\)\.$/],
  ])('%o', async (env, message) => {
    const { code, stderr } = await start(env as Record<string, string>);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
  });
});
