// Checks an evidence pack as an auditor would: the manifest's signature, then every file against the manifest.
// Reports the first mismatch only, naming the file. Entries are streamed, never read whole (except the two small
// JSON files), so a pack with a large audit-log extract verifies in bounded memory. Then the sources set: every
// Compliance Logs event the evidence names is listed with its file's checksums (lib/evidence/sources/verify.ts).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createInterface } from 'node:readline';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { keyFingerprint } from '@/lib/audit/signing.ts';
import { checkPackPath, MANIFEST, PACK_FORMAT, SIGNATURE } from './pack-writer.ts';
import { checkSources } from './sources/verify.ts';
import type { PackManifest, PackSignature } from './types.ts';

export type PackVerification =
  | {
      ok: true;
      files: number;
      manifestSha256: string;
      keyId: string;
      generatedBy: string;
      generatedAt: string;
      asOf: string | null;
    }
  | { ok: false; error: string };

// The two JSON files are read into memory: cap them so a crafted pack cannot exhaust it.
const MAX_JSON_BYTES = 64 * 1024 * 1024;

class Mismatch extends Error {}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export async function verifyPack(
  zipPath: string,
  options: { trustedPublicKeyPem?: string } = {},
): Promise<PackVerification> {
  let trustedKeyId: string | undefined;
  try {
    if (options.trustedPublicKeyPem !== undefined) trustedKeyId = keyFingerprint(options.trustedPublicKeyPem);
  } catch {
    return { ok: false, error: 'the trusted public key is not a valid PEM public key' };
  }
  let zip: ZipFile;
  try {
    // strictFileNames: names are compared exactly as stored (no backslash rewriting).
    zip = await yauzl.openPromise(zipPath, { autoClose: false, strictFileNames: true });
  } catch (error) {
    return { ok: false, error: `${zipPath}: not a readable ZIP (${(error as Error).message})` };
  }
  try {
    return await check(zip, trustedKeyId);
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Mismatch ? error.message : `${zipPath}: cannot be read (${(error as Error).message})`,
    };
  } finally {
    zip.close();
  }
}

async function check(zip: ZipFile, trustedKeyId: string | undefined): Promise<PackVerification> {
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) {
    // A second entry under the same name could show one content to one tool and another to the next.
    if (entries.has(entry.fileName)) throw new Mismatch(`${entry.fileName}: the pack holds this file twice`);
    entries.set(entry.fileName, entry);
  }
  const manifestBytes = await readSmall(zip, entries, MANIFEST);
  const signatureBytes = await readSmall(zip, entries, SIGNATURE);
  const manifest = parseManifest(manifestBytes);
  const sig = parseSignature(signatureBytes);

  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
  if (sig.manifestSha256 !== manifestSha256)
    throw new Mismatch(`${MANIFEST}: its SHA-256 is ${manifestSha256}, but ${SIGNATURE} signed ${sig.manifestSha256}`);
  let keyId: string;
  try {
    const key = createPublicKey(sig.publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    keyId = keyFingerprint(sig.publicKeyPem);
    if (!verify(null, manifestBytes, key, Buffer.from(sig.signature, 'base64')))
      throw new Mismatch(`${SIGNATURE}: the Ed25519 signature does not match ${MANIFEST}`);
  } catch (error) {
    if (error instanceof Mismatch) throw error;
    throw new Mismatch(`${SIGNATURE}: publicKeyPem is not a usable Ed25519 public key (${(error as Error).message})`);
  }
  // keyId is what a person compares with Settings: it must be the fingerprint of the key actually used.
  if (sig.keyId !== keyId)
    throw new Mismatch(`${SIGNATURE}: keyId ${sig.keyId} is not the fingerprint of its public key (${keyId})`);
  if (trustedKeyId !== undefined && trustedKeyId !== keyId) {
    throw new Mismatch(`${SIGNATURE}: signed by key ${keyId}, which is not the trusted key ${trustedKeyId}`);
  }

  for (const file of manifest.files) {
    const entry = entries.get(file.path);
    if (!entry) throw new Mismatch(`${file.path}: listed in ${MANIFEST} but missing from the pack`);
    const { sha256, bytes } = await hashEntry(zip, entry);
    if (bytes !== file.bytes) throw new Mismatch(`${file.path}: ${bytes} bytes, but ${MANIFEST} says ${file.bytes}`);
    if (sha256 !== file.sha256)
      throw new Mismatch(`${file.path}: its SHA-256 does not match ${MANIFEST} (the file was altered)`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of entries.keys()) {
    if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name))
      throw new Mismatch(`${name}: in the pack but not listed in ${MANIFEST}`);
  }
  const sources = await checkSources((path) => {
    const entry = entries.get(path);
    return entry && listed.has(path) ? jsonRows(zip, entry) : null;
  });
  if (sources) throw new Mismatch(sources);
  return {
    ok: true,
    files: manifest.files.length,
    manifestSha256,
    keyId,
    generatedBy: sig.generatedBy,
    generatedAt: sig.generatedAt,
    asOf: manifest.asOf ?? null,
  };
}

async function readSmall(zip: ZipFile, entries: Map<string, Entry>, name: string): Promise<Buffer> {
  const entry = entries.get(name);
  if (!entry) throw new Mismatch(`${name}: missing from the pack`);
  if (entry.uncompressedSize > MAX_JSON_BYTES)
    throw new Mismatch(`${name}: too large (${entry.uncompressedSize} bytes)`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function hashEntry(zip: ZipFile, entry: Entry): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new Mismatch(`${entry.fileName}: cannot be read (${(error as Error).message})`);
  }
  return { sha256: hash.digest('hex'), bytes };
}

const MAX_ROW_CHARS = 16 * 1024 * 1024;

/** The rows of an evidence set's JSON file, one canonical JSON row per line inside `[` and `]`. */
async function* jsonRows(zip: ZipFile, entry: Entry): AsyncIterable<Record<string, unknown>> {
  const lines = createInterface({ input: await zip.openReadStreamPromise(entry), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line === '[' || line === ']' || line === '') continue;
    if (line.length > MAX_ROW_CHARS) throw new Mismatch(`${entry.fileName}: line ${number} is too long`);
    try {
      const row: unknown = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
      if (row && typeof row === 'object' && !Array.isArray(row)) {
        yield row as Record<string, unknown>;
        continue;
      }
    } catch {
      // reported below
    }
    throw new Mismatch(`${entry.fileName}: line ${number} is not a JSON object`);
  }
}

function parseJson(bytes: Buffer, name: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Mismatch(`${name}: not a JSON object`);
}

function parseManifest(bytes: Buffer): PackManifest {
  const m = parseJson(bytes, MANIFEST);
  if (m.format !== PACK_FORMAT)
    throw new Mismatch(`${MANIFEST}: format is ${JSON.stringify(m.format)}, expected ${PACK_FORMAT}`);
  if (!Array.isArray(m.files)) throw new Mismatch(`${MANIFEST}: has no files list`);
  // Packs written before asOf was recorded have none; when present it must be an RFC 3339 UTC instant.
  if (
    m.asOf !== undefined &&
    !(typeof m.asOf === 'string' && RFC3339_UTC.test(m.asOf) && !Number.isNaN(Date.parse(m.asOf)))
  )
    throw new Mismatch(`${MANIFEST}: asOf is ${JSON.stringify(m.asOf)}, not an RFC 3339 UTC instant`);
  const seen = new Set<string>();
  for (const f of m.files as Record<string, unknown>[]) {
    const ok =
      f &&
      typeof f.path === 'string' &&
      typeof f.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(f.sha256) &&
      Number.isSafeInteger(f.bytes) &&
      (f.bytes as number) >= 0;
    if (!ok) throw new Mismatch(`${MANIFEST}: a files entry is not {path, sha256, bytes}: ${JSON.stringify(f)}`);
    const problem = checkPackPath(f.path as string);
    if (problem) throw new Mismatch(`${MANIFEST}: ${problem}`);
    if (seen.has(f.path as string)) throw new Mismatch(`${MANIFEST}: lists ${f.path as string} twice`);
    seen.add(f.path as string);
  }
  return m as unknown as PackManifest;
}

function parseSignature(bytes: Buffer): PackSignature {
  const s = parseJson(bytes, SIGNATURE);
  for (const field of ['manifestSha256', 'keyId', 'publicKeyPem', 'signature', 'generatedBy', 'generatedAt'] as const) {
    if (typeof s[field] !== 'string') throw new Mismatch(`${SIGNATURE}: ${field} is missing`);
  }
  if (s.algorithm !== 'Ed25519')
    throw new Mismatch(`${SIGNATURE}: algorithm is ${JSON.stringify(s.algorithm)}, expected Ed25519`);
  return s as unknown as PackSignature;
}
