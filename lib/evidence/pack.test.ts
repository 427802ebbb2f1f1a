// Evidence packs as an auditor checks them: a pack verifies, and any alteration after signing is caught.
import { createHash, sign } from 'node:crypto';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPack } from './pack-verify.ts';
import { writePack } from './pack-writer.ts';
import { flipByte, META, newKey, readEntries, rewriteZip, tmp, writeTestPack } from './pack.fixture.ts';
import type { PackFile } from './types.ts';

const dir = tmp('pack');
const key = newKey();
const pack = path.join(dir, 'pack.zip');
let entries: Map<string, Buffer>;
let n = 0;

beforeAll(async () => {
  await writeTestPack(pack, { key });
  entries = await readEntries(pack);
});

async function tampered(change: Parameters<typeof rewriteZip>[2], add?: Record<string, Buffer>) {
  const file = path.join(dir, `tampered-${n++}.zip`);
  await rewriteZip(pack, file, change, add);
  return verifyPack(file);
}

describe('evidence pack', () => {
  it('verifies, with the signer and the files it holds', async () => {
    const result = await verifyPack(pack, { trustedPublicKeyPem: key.publicKeyPem });
    expect(result).toEqual({
      ok: true,
      files: 4,
      manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      keyId: key.keyId,
      generatedBy: 'grc@example.com',
      generatedAt: '2026-04-02T09:00:00.000Z',
      asOf: '2026-04-01T00:00:00Z',
    });
    expect([...entries.keys()]).toEqual([
      'report.html',
      'audit/events.jsonl',
      'empty.csv',
      'agents/inventory.csv',
      'manifest.json',
      'signature.json',
    ]);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'agents/inventory.csv',
      'audit/events.jsonl',
      'empty.csv',
      'report.html',
    ]);
    expect(manifest).toMatchObject({
      format: 'tollgate-evidence-pack/1',
      workspace: { id: 'ws-pack' },
      period: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      scope: { framework: 'soc2' },
    });
    // The unchanged rewrite verifies too, so the failures below come from the change and not from rewriting.
    expect((await tampered((_, b) => b)).ok).toBe(true);
  });

  it('catches a one-byte change to any content file', async () => {
    for (const name of ['report.html', 'audit/events.jsonl', 'agents/inventory.csv']) {
      const result = await tampered((entry, b) => (entry === name ? flipByte(b) : b));
      expect(result, name).toEqual({
        ok: false,
        error: `${name}: its SHA-256 does not match manifest.json (the file was altered)`,
      });
    }
    const grown = await tampered((entry, b) => (entry === 'empty.csv' ? Buffer.from('x') : b));
    expect(grown).toEqual({ ok: false, error: 'empty.csv: 1 bytes, but manifest.json says 0' });
  });

  it('catches a one-byte change to manifest.json, even with its hash updated in signature.json', async () => {
    const edited = flipByte(entries.get('manifest.json')!, 20);
    expect(await tampered((e, b) => (e === 'manifest.json' ? edited : b))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^manifest\.json: its SHA-256 is [0-9a-f]{64}, but signature\.json signed/),
    });
    const rehashed = (b: Buffer) => {
      const sig = JSON.parse(b.toString());
      return Buffer.from(JSON.stringify({ ...sig, manifestSha256: createHash('sha256').update(edited).digest('hex') }));
    };
    const result = await tampered((e, b) =>
      e === 'manifest.json' ? edited : e === 'signature.json' ? rehashed(b) : b,
    );
    expect(result).toEqual({ ok: false, error: 'signature.json: the Ed25519 signature does not match manifest.json' });
  });

  it('catches a signature by another key', async () => {
    const other = newKey();
    const manifest = entries.get('manifest.json')!;
    const resign = (withKey: boolean) => (b: Buffer) => {
      const sig = JSON.parse(b.toString());
      const signature = sign(null, manifest, other.privateKey).toString('base64');
      return Buffer.from(
        JSON.stringify(
          withKey ? { ...sig, signature, publicKeyPem: other.publicKeyPem, keyId: other.keyId } : { ...sig, signature },
        ),
      );
    };
    expect(await tampered((e, b) => (e === 'signature.json' ? resign(false)(b) : b))).toEqual({
      ok: false,
      error: 'signature.json: the Ed25519 signature does not match manifest.json',
    });
    // Re-signed whole with the other key: only a trusted key tells it apart.
    const file = path.join(dir, 'resigned.zip');
    await rewriteZip(pack, file, (e, b) => (e === 'signature.json' ? resign(true)(b) : b));
    expect(await verifyPack(file)).toMatchObject({ ok: true, keyId: other.keyId });
    expect(await verifyPack(file, { trustedPublicKeyPem: key.publicKeyPem })).toEqual({
      ok: false,
      error: `signature.json: signed by key ${other.keyId}, which is not the trusted key ${key.keyId}`,
    });
    const lying = await tampered((e, b) =>
      e === 'signature.json'
        ? Buffer.from(JSON.stringify({ ...JSON.parse(resign(true)(b).toString()), keyId: key.keyId }))
        : b,
    );
    expect(lying).toMatchObject({
      ok: false,
      error: expect.stringContaining(`keyId ${key.keyId} is not the fingerprint of its public key`),
    });
  });

  it('catches a missing file, an extra file, and a pack without its manifest', async () => {
    expect(await tampered((e, b) => (e === 'empty.csv' ? null : b))).toEqual({
      ok: false,
      error: 'empty.csv: listed in manifest.json but missing from the pack',
    });
    expect(await tampered((_, b) => b, { 'notes.txt': Buffer.from('added later') })).toEqual({
      ok: false,
      error: 'notes.txt: in the pack but not listed in manifest.json',
    });
    expect(await tampered((e, b) => (e === 'manifest.json' ? null : b))).toEqual({
      ok: false,
      error: 'manifest.json: missing from the pack',
    });
    expect(await tampered((e, b) => (e === 'signature.json' ? Buffer.from('{') : b))).toEqual({
      ok: false,
      error: 'signature.json: not a JSON object',
    });
    expect(await verifyPack(path.join(dir, 'absent.zip'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a readable ZIP'),
    });
  });

  it('gives a byte-identical manifest.json for the same data whoever generates it and when', async () => {
    const a = await writeTestPack(path.join(dir, 'a.zip'), {
      key,
      by: 'alice@example.com',
      at: new Date('2026-04-02T09:00:00Z'),
    });
    const b = await writeTestPack(path.join(dir, 'b.zip'), {
      key: newKey(),
      by: 'bob@example.com',
      at: new Date('2026-05-30T17:45:12Z'),
    });
    expect(a.manifest.equals(b.manifest)).toBe(true);
    expect(a.manifestSha256).toBe(b.manifestSha256);
    expect(a.manifest.toString()).not.toMatch(/alice|2026-04-02/);
    expect(a.manifest.toString().endsWith('}\n')).toBe(true);
    const [ea, eb] = [await readEntries(path.join(dir, 'a.zip')), await readEntries(path.join(dir, 'b.zip'))];
    expect(ea.get('manifest.json')!.equals(eb.get('manifest.json')!)).toBe(true);
    expect(ea.get('signature.json')!.equals(eb.get('signature.json')!)).toBe(false);
  });

  it('hashes a streamed content of many chunks as the concatenation of its chunks', async () => {
    const hash = createHash('sha256');
    let total = 0;
    const chunk = (i: number) => `{"seq":${i},"action":"agent.update","pad":"${'x'.repeat(i % 97)}"}\n`;
    for (let i = 0; i < 20_000; i++) {
      hash.update(chunk(i));
      total += Buffer.byteLength(chunk(i));
    }
    const files: PackFile[] = [
      {
        path: 'audit/log.jsonl',
        content: async function* () {
          for (let i = 0; i < 20_000; i++) yield i % 2 ? chunk(i) : Buffer.from(chunk(i));
        },
      },
    ];
    const progress: { files: number; bytes: number }[] = [];
    const out = new PassThrough();
    const zipped: Buffer[] = [];
    out.on('data', (b: Buffer) => zipped.push(b));
    const { manifest } = await writePack(out, files, META, { key, generatedBy: 'x', generatedAt: new Date() }, (p) =>
      progress.push(p),
    );
    expect(JSON.parse(manifest.toString()).files).toEqual([
      { path: 'audit/log.jsonl', sha256: hash.digest('hex'), bytes: total },
    ]);
    expect(progress.at(-1)).toEqual({ files: 1, bytes: total, path: 'audit/log.jsonl' });
    expect(progress.length).toBeGreaterThan(10); // a progress bar moves while one file streams
    expect(Buffer.concat(zipped).length).toBeLessThan(total / 5); // deflated
  });

  it('refuses unsafe, reserved and duplicate paths, and a content that fails mid-stream', async () => {
    const write = (files: PackFile[]) =>
      writePack(new PassThrough().resume(), files, META, { key, generatedBy: 'x', generatedAt: new Date() });
    const one = (p: string): PackFile => ({ path: p, content: Buffer.from('a') });
    await expect(write([one('../etc/passwd')])).rejects.toThrow(
      '../etc/passwd: "." and ".." are not allowed in a pack path',
    );
    await expect(write([one('/abs.csv')])).rejects.toThrow('/abs.csv: absolute paths are not allowed');
    await expect(write([one('a\\b.csv')])).rejects.toThrow('backslashes are not allowed');
    await expect(write([one('manifest.json')])).rejects.toThrow('manifest.json: this name is reserved');
    await expect(write([one('signature.json')])).rejects.toThrow('signature.json: this name is reserved');
    await expect(write([one('a.csv'), one('b.csv'), one('A.csv')])).rejects.toThrow(
      'A.csv: the pack already holds a file with this path',
    );
    const failing: PackFile = {
      path: 'bad.jsonl',
      content: async function* () {
        yield 'one\n';
        throw new Error('database went away');
      },
    };
    await expect(write([one('a.csv'), failing])).rejects.toThrow('database went away');
  });
});
