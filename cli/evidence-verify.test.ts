// `tollgate evidence verify` as an auditor runs it: a real process, its exit code and what it prints.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKey, type SigningKey } from '@/lib/audit/signing.ts';
import { flipByte, rewriteZip, tmp, writeTestPack } from '@/lib/evidence/pack.fixture.ts';

const bin = path.resolve(import.meta.dirname, '../bin/tollgate.mjs');
const dir = tmp('cli-evidence');
const pack = path.join(dir, 'pack.zip');
const auditorDir = tmp('cli-evidence-auditor'); // no signing key: the pack's own key is used
const installDir = tmp('cli-evidence-install');
let installKey: SigningKey;

function run(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, TOLLGATE_DATA_DIR: dataDir, TOLLGATE_AUDIT_SIGNING_KEY: '' };
    execFile(process.execPath, [bin, 'evidence', 'verify', ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  installKey = loadSigningKey(installDir, {});
  await writeTestPack(pack, { key: installKey });
});

describe('tollgate evidence verify', { timeout: 60_000 }, () => {
  it("exits 0 and names the key, checked against this install's key when it has one", async () => {
    const auditor = await run(auditorDir, pack);
    expect(auditor.code, auditor.stderr).toBe(0);
    expect(auditor.stdout).toContain('OK: 4 file(s) match manifest.json');
    expect(auditor.stdout).toContain(`with key ${installKey.keyId}`);
    expect(auditor.stdout).toContain('compare this key id with Settings');
    const install = await run(installDir, pack, '--json');
    expect(install.code, install.stderr).toBe(0);
    expect(JSON.parse(install.stdout)).toMatchObject({
      ok: true,
      files: 4,
      keyId: installKey.keyId,
      trustedKey: 'install',
    });
  });

  it('exits 1 with the first mismatch: an altered file, or a pack signed by another install', async () => {
    const tampered = path.join(dir, 'tampered.zip');
    await rewriteZip(pack, tampered, (name, b) => (name === 'report.html' ? flipByte(b) : b));
    const altered = await run(auditorDir, tampered);
    expect(altered.code).toBe(1);
    expect(altered.stdout.trim()).toBe(
      'FAILED: report.html: its SHA-256 does not match manifest.json (the file was altered)',
    );
    const otherInstall = tmp('cli-evidence-other');
    loadSigningKey(otherInstall, {});
    const foreign = await run(otherInstall, pack, '--json');
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stdout)).toMatchObject({
      ok: false,
      error: expect.stringContaining(`signed by key ${installKey.keyId}, which is not the trusted key`),
    });
  });

  it('exits 2 without exactly one pack', async () => {
    const { code, stderr } = await run(auditorDir);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: tollgate evidence verify PACK.zip');
  });
});
