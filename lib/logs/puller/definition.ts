// THE one definition of the Compliance Logs routes and of a log file's checksum: the real client (client.ts) and the
// simulated platform (lib/platform-sim/) both build from this file, and lib/logs/puller/contract.integration.test.ts
// runs one against the other.
// List: GET {base}/{workspaces|organizations}/{principal}/logs?event_type&after&limit → {data:[{id,…}], has_more,
// last_end_time}; download: GET …/logs/{id} → a redirect to a signed URL serving the JSONL file (../shared/reference).
// The platform's reference documents no file checksum (docs/decisions/0039). What Tollgate checks is what the HTTP
// answer serving the file's bytes may carry by standard, not a platform field: RFC 9530 `Repr-Digest` and
// `Content-Digest` (sha-256, sha-512) and RFC 1864 `Content-MD5` (sent by blob stores behind signed URLs).
import { createHash } from 'node:crypto';

export const LOGS_LIST_PATH = '/logs';
export const logPath = (id: string) => `${LOGS_LIST_PATH}/${encodeURIComponent(id)}`;

export type ChecksumAlgorithm = 'sha-512' | 'sha-256' | 'md5';
/** A file's checksum as the platform's answer gave it: the header it came in, its algorithm, the digest in hex. */
export type FileChecksum = { header: string; algorithm: ChecksumAlgorithm; hex: string };

/** Headers read, in order of preference (the first one found is the one stored; every one found is checked). */
export const CHECKSUM_HEADERS = ['repr-digest', 'content-digest', 'content-md5'] as const;
const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { 'sha-512': 64, 'sha-256': 32, md5: 16 };
const NODE_ALGORITHM: Record<ChecksumAlgorithm, string> = { 'sha-512': 'sha512', 'sha-256': 'sha256', md5: 'md5' };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_HEADER = 2000;

export class ChecksumHeaderError extends Error {}

/** `sha-256:<hex>`, the form Tollgate stores and packs show. */
export const checksumText = (c: Pick<FileChecksum, 'algorithm' | 'hex'>) => `${c.algorithm}:${c.hex}`;

function decoded(header: string, algorithm: ChecksumAlgorithm, base64: string): FileChecksum {
  const bytes = BASE64.test(base64) ? Buffer.from(base64, 'base64') : null;
  if (!bytes || bytes.length !== DIGEST_BYTES[algorithm])
    throw new ChecksumHeaderError(
      `${header}: its ${algorithm} value is not ${DIGEST_BYTES[algorithm]} bytes of base64`,
    );
  return { header, algorithm, hex: bytes.toString('hex') };
}

/**
 * The checksums a download's answer carries (none: an empty list). An RFC 9530 dictionary keeps the algorithms
 * Tollgate can check (sha-512, sha-256) and ignores the others, as the RFC asks; a header that cannot be read, or
 * that names no algorithm Tollgate can check, is an error: a checksum nobody can read vouches for nothing.
 */
export function fileChecksums(headers: Headers): FileChecksum[] {
  const found: FileChecksum[] = [];
  for (const header of CHECKSUM_HEADERS) {
    const value = headers.get(header)?.trim();
    if (!value) continue;
    if (value.length > MAX_HEADER) throw new ChecksumHeaderError(`${header}: longer than ${MAX_HEADER} characters`);
    if (header === 'content-md5') {
      found.push(decoded(header, 'md5', value));
      continue;
    }
    const members = value.split(',').map((m) => m.trim());
    const usable: FileChecksum[] = [];
    for (const member of members) {
      const match = /^([a-z][a-z0-9_.*-]*)=:([^:]*):(;.*)?$/.exec(member);
      if (!match) throw new ChecksumHeaderError(`${header}: "${member.slice(0, 80)}" is not algorithm=:base64:`);
      const algorithm = match[1] as ChecksumAlgorithm;
      if (algorithm === 'sha-256' || algorithm === 'sha-512') usable.push(decoded(header, algorithm, match[2]!));
    }
    if (usable.length === 0)
      throw new ChecksumHeaderError(`${header}: names no algorithm Tollgate can check (sha-256 or sha-512)`);
    found.push(...usable.sort((a, b) => DIGEST_BYTES[b.algorithm] - DIGEST_BYTES[a.algorithm]));
  }
  return found;
}

/** Hashes bytes as they pass with SHA-256 (Tollgate's own) and every algorithm the checksums need. */
export function checksumHasher(checksums: FileChecksum[]) {
  const algorithms = new Set<ChecksumAlgorithm>(['sha-256', ...checksums.map((c) => c.algorithm)]);
  const hashes = new Map([...algorithms].map((a) => [a, createHash(NODE_ALGORITHM[a])]));
  return {
    update(chunk: Buffer) {
      for (const hash of hashes.values()) hash.update(chunk);
    },
    /** Tollgate's SHA-256 and the first checksum that does not match (null when all do). */
    finish(): { sha256: string; mismatch: { expected: FileChecksum; actual: string } | null } {
      const digests = new Map([...hashes].map(([a, h]) => [a, h.digest('hex')]));
      const wrong = checksums.find((c) => digests.get(c.algorithm) !== c.hex);
      return {
        sha256: digests.get('sha-256')!,
        mismatch: wrong ? { expected: wrong, actual: digests.get(wrong.algorithm)! } : null,
      };
    },
  };
}

/** The RFC 9530 header value of these bytes (the simulated platform sends it). */
export function reprDigest(bytes: Buffer | string, algorithm: 'sha-256' | 'sha-512' = 'sha-256'): string {
  return `${algorithm}=:${createHash(NODE_ALGORITHM[algorithm]).update(bytes).digest('base64')}:`;
}
