// A log file's checksum as its download's answer may carry it (RFC 9530, RFC 1864): read, checked, refused when
// unreadable.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumHasher, fileChecksums, reprDigest } from './definition.ts';

const BYTES = Buffer.from('{"event_id":"e1"}\n');
const hex = (algorithm: string) => createHash(algorithm).update(BYTES).digest('hex');
const b64 = (algorithm: string) => createHash(algorithm).update(BYTES).digest('base64');
const checked = (headers: Record<string, string>) => {
  const checksums = fileChecksums(new Headers(headers));
  const hasher = checksumHasher(checksums);
  hasher.update(BYTES);
  return { checksums, ...hasher.finish() };
};

describe('file checksums', () => {
  it('reads Repr-Digest, Content-Digest and Content-MD5, strongest first, and checks every one', () => {
    const got = checked({
      'repr-digest': `sha-256=:${b64('sha256')}:, sha-512=:${b64('sha512')}:, unixsum=:AAAA:`,
      'content-md5': b64('md5'),
    });
    expect(got.checksums.map((c) => `${c.header} ${c.algorithm}:${c.hex}`)).toEqual([
      `repr-digest sha-512:${hex('sha512')}`,
      `repr-digest sha-256:${hex('sha256')}`,
      `content-md5 md5:${hex('md5')}`,
    ]);
    expect(got).toMatchObject({ sha256: hex('sha256'), mismatch: null });
    expect(reprDigest(BYTES)).toBe(`sha-256=:${b64('sha256')}:`);
  });

  it('names the checksum that does not match', () => {
    const got = checked({ 'content-digest': reprDigest('other bytes'), 'content-md5': b64('md5') });
    expect(got.mismatch).toEqual({
      expected: expect.objectContaining({ header: 'content-digest', algorithm: 'sha-256' }),
      actual: hex('sha256'),
    });
    expect(checked({}).checksums).toEqual([]);
  });

  it('refuses a checksum it cannot read, naming the header', () => {
    expect(() => fileChecksums(new Headers({ 'repr-digest': 'sha-256=abc' }))).toThrow(/^repr-digest: .* is not/);
    expect(() => fileChecksums(new Headers({ 'repr-digest': 'sha-256=:AAAA:' }))).toThrow(/not 32 bytes of base64/);
    expect(() => fileChecksums(new Headers({ 'content-digest': 'md5=:AAAA:' }))).toThrow(/names no algorithm/);
    expect(() => fileChecksums(new Headers({ 'content-md5': 'x'.repeat(3000) }))).toThrow(/longer than 2000/);
  });
});
