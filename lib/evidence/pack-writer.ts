// Writes an evidence pack: content files streamed into a ZIP, then manifest.json (their SHA-256 and sizes)
// and signature.json (Ed25519 over the manifest's exact bytes). Pure Node: the web app and the CLI share it.
import { createHash, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { canonicalJson } from '@/lib/audit/chain.ts';
import type { SigningKey } from '@/lib/audit/signing.ts';
import { rfc3339 } from './instant.ts';
import type { Generator, PackFile, PackManifest, PackManifestFile, PackScope, PackSignature, Period } from './types.ts';

export const PACK_FORMAT = 'tollgate-evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'signature.json';

// DOS timestamps are local time: local midnight 1980-01-01 encodes to the same bytes in every time zone, and
// forceDosTimestamp drops the Unix-time extra field that would not. The ZIP then depends only on its content.
const ENTRY = { mtime: new Date(1980, 0, 1), forceDosTimestamp: true, compress: true } as const;

export type PackMeta = {
  generator: Generator;
  workspace: { id: string; name: string };
  period: Period;
  asOf: Date;
  scope: PackScope;
};
export type PackSigner = { key: SigningKey; generatedBy: string; generatedAt: Date };
export type PackProgress = { files: number; bytes: number; path: string };

/** Why a path may not go into a pack, or null. Paths are what an auditor's unzip tool will create. */
export function checkPackPath(path: string): string | null {
  if (typeof path !== 'string' || path === '') return 'a pack file needs a path';
  if (path.includes('\\')) return `${path}: backslashes are not allowed in a pack path (use /)`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return `${path}: absolute paths are not allowed in a pack`;
  const parts = path.split('/');
  if (parts.includes('..') || parts.includes('.')) return `${path}: "." and ".." are not allowed in a pack path`;
  if (parts.includes('')) return `${path}: empty path segments are not allowed in a pack path`;
  if (path === MANIFEST || path === SIGNATURE) return `${path}: this name is reserved for the pack's own ${path}`;
  return null;
}

export async function writePack(
  out: NodeJS.WritableStream,
  files: AsyncIterable<PackFile> | Iterable<PackFile>,
  meta: PackMeta,
  signer: PackSigner,
  onProgress?: (p: PackProgress) => void,
): Promise<{ manifest: Buffer; manifestSha256: string }> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, out);
  // Any failure of the ZIP or of `out` ends the whole write, even while a content file is being read.
  const broken = new Promise<never>((_, reject) => {
    zip.on('error', reject);
    written.catch(reject);
  });
  broken.catch(() => {});
  try {
    const listed: PackManifestFile[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    for await (const file of files) {
      const problem = checkPackPath(file.path);
      if (problem) throw new Error(problem);
      // Case-insensitive: two names differing only in case overwrite each other when unzipped on macOS or Windows.
      if (seen.has(file.path.toLowerCase()))
        throw new Error(`${file.path}: the pack already holds a file with this path`);
      seen.add(file.path.toLowerCase());
      const hash = createHash('sha256');
      let size = 0;
      const report = (n: number) => {
        size += n;
        bytes += n;
        onProgress?.({ files: listed.length, bytes, path: file.path });
      };
      const content = file.content;
      const stream = Readable.from(hashChunks(typeof content === 'function' ? content() : [content], hash, report), {
        objectMode: false,
      });
      zip.addReadStream(stream, file.path, ENTRY);
      // One file at a time: a streamed content is never held whole, and a failing source stops the pack.
      await Promise.race([finished(stream), broken]);
      listed.push({ path: file.path, sha256: hash.digest('hex'), bytes: size });
      onProgress?.({ files: listed.length, bytes, path: file.path });
    }
    const manifest = Buffer.from(`${canonicalJson(buildManifest(meta, listed))}\n`, 'utf8');
    const manifestSha256 = createHash('sha256').update(manifest).digest('hex');
    const signature: PackSignature = {
      format: PACK_FORMAT,
      manifestSha256,
      algorithm: 'Ed25519',
      keyId: signer.key.keyId,
      publicKeyPem: signer.key.publicKeyPem,
      signature: sign(null, manifest, signer.key.privateKey).toString('base64'),
      generatedBy: signer.generatedBy,
      generatedAt: signer.generatedAt.toISOString(),
    };
    zip.addBuffer(manifest, MANIFEST, ENTRY);
    zip.addBuffer(Buffer.from(`${JSON.stringify(signature, null, 2)}\n`, 'utf8'), SIGNATURE, ENTRY);
    zip.end();
    await Promise.race([written, broken]);
    return { manifest, manifestSha256 };
  } catch (error) {
    // An unfinished pack must not look finished: destroying the ZIP stream also destroys `out`.
    (zip.outputStream as Readable).destroy(error as Error);
    throw error;
  }
}

function buildManifest(meta: PackMeta, files: PackManifestFile[]): PackManifest {
  return {
    format: PACK_FORMAT,
    generator: meta.generator,
    workspace: { id: meta.workspace.id, name: meta.workspace.name },
    period: { from: meta.period.from.toISOString(), to: meta.period.to.toISOString() },
    asOf: rfc3339(meta.asOf),
    scope: meta.scope,
    // Code-unit order, not locale order: the same on every machine.
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

// Small chunks (one audit event each) are gathered into blocks: a stream per event would cost more than deflating.
const BLOCK = 64 * 1024;

async function* hashChunks(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  hash: ReturnType<typeof createHash>,
  report: (n: number) => void,
) {
  let pending: Buffer[] = [];
  let size = 0;
  const flush = () => {
    const block = pending.length === 1 ? pending[0]! : Buffer.concat(pending, size);
    pending = [];
    size = 0;
    hash.update(block);
    report(block.length);
    return block;
  };
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    pending.push(buf);
    size += buf.length;
    if (size >= BLOCK) yield flush();
  }
  if (size > 0) yield flush();
}
