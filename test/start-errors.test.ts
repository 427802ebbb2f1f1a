// `npm start` with a misconfiguration ends with one sentence naming the setting — no stack trace.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/lib/db/embedded.ts';
import { newSharedSecrets } from '@/scripts/shared-secrets.ts';

const run = promisify(execFile);

async function start(env: Record<string, string>) {
  try {
    await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr.trim() };
  }
}

describe('npm start refuses a misconfiguration in one sentence', () => {
  it.each([
    [{ HOST: '0.0.0.0' }, /^Tollgate cannot start — OIDC_ISSUER: is not set.*configure OIDC_ISSUER.*\.$/],
    [
      { TOLLGATE_DATA_DIR: 'package.json/data' },
      /^Tollgate cannot start — TOLLGATE_DATA_DIR: the data directory .* is not writable\.$/,
    ],
    [
      { DATABASE_URL: 'postgresql://tollgate:x@127.0.0.1:1/tollgate', TOLLGATE_DATA_DIR: '.test-data/start-errors' },
      // Several instances may share that database: none makes up the secrets they must share.
      /^Tollgate cannot start — AUTH_SECRET: must be set when DATABASE_URL is set \(TOLLGATE_SECRET_KEY and .*\.$/,
    ],
    [
      {
        DATABASE_URL: 'postgresql://tollgate:x@127.0.0.1:1/tollgate',
        TOLLGATE_DATA_DIR: '.test-data/start-errors',
        ...newSharedSecrets(),
      },
      new RegExp(
        '^Tollgate cannot start — DATABASE_URL: ' +
          'cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:1/tollgate \\(ECONNREFUSED\\)\\.$',
      ),
    ],
  ])('%o', async (env, message) => {
    const { code, stderr } = await start(env as Record<string, string>);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(1);
  });
});

describe('npm start as root from a folder the postgres user cannot enter', () => {
  // PostgreSQL never runs as root, so the embedded server runs as `postgres`; a clone or data dir under a 0700
  // folder (such as /root) used to end in a raw "spawn …/initdb EACCES" stack or an initdb error.
  it.runIf(process.getuid?.() === 0)('names the folder and the permission it needs, in one sentence', async () => {
    const locked = mkdtempSync(path.join(tmpdir(), 'tollgate-root-home-'));
    mkdirSync(path.join(locked, 'clone'));
    chmodSync(locked, 0o700);
    const [port, idpPort] = [await freePort(), await freePort()];
    const { code, stderr } = await start({
      TOLLGATE_DATA_DIR: path.join(locked, 'clone', '.data'),
      PORT: String(port),
      TOLLGATE_DEMO_IDP_PORT: String(idpPort),
      DATABASE_URL: '',
    });
    expect(code).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(
        '^Tollgate cannot start — TOLLGATE_DATA_DIR: ' +
          'the embedded PostgreSQL runs as the user postgres \\(Tollgate runs as root\\) and cannot enter ',
      ),
    );
    expect(stderr).toContain(`cannot enter ${locked} (mode 700)`);
    expect(stderr).toContain(`chmod o+x ${locked}`);
  });
});
