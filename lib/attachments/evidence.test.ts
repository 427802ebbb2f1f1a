// Evidence checks shared by sign-offs, attestations and exceptions: the size limit at its exact edge, the SHA-256
// over exactly the bytes kept, hostile file names made harmless, and links https only — errors naming the field.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEvidence, checkFile } from './evidence.ts';
import { MAX_ATTACHMENT_BYTES } from './limits.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const refusal = (status: number, message: string) => expect.objectContaining({ status, message });

describe('the size limit', () => {
  it('takes a file of exactly 10 MB and refuses one byte more with 413, and an empty file with 422', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    const max = checkFile({ filename: 'max.bin', bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES, 7) });
    expect(max.size).toBe(MAX_ATTACHMENT_BYTES);
    expect(() => checkFile({ filename: 'big.bin', bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1) })).toThrow(
      refusal(413, 'file: the file is larger than 10 MB.'),
    );
    expect(() => checkFile({ filename: 'empty.txt', bytes: Buffer.alloc(0) })).toThrow(
      refusal(422, 'file: the file is empty.'),
    );
  });
});

describe('what is stored of a file', () => {
  it('keeps the bytes unchanged with their SHA-256 and size; the audit diff names the file, never its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (raw) => {
        const bytes = Buffer.from(raw);
        const checked = checkEvidence({ filename: 'f.bin', contentType: 'application/pdf', bytes });
        if (!('file' in checked)) throw new Error('expected a file');
        expect(Buffer.from(checked.file.content).equals(bytes)).toBe(true);
        expect(checked.file).toMatchObject({ size: bytes.length, sha256: sha(bytes), contentType: 'application/pdf' });
        expect(checked.diff).toEqual({ filename: 'f.bin', size: bytes.length, sha256: sha(bytes) });
      }),
    );
  });

  it('is a copy: changing the uploaded buffer afterwards changes neither the bytes kept nor their hash', () => {
    const bytes = Buffer.from('minutes');
    const file = checkFile({ filename: 'm.txt', bytes });
    bytes.fill(0);
    expect(Buffer.from(file.content).toString()).toBe('minutes');
    expect(file.sha256).toBe(sha(Buffer.from('minutes')));
  });

  it('keeps a content type as given (at most 200 characters), an empty one as none', () => {
    const typeOf = (contentType: string) =>
      checkFile({ filename: 'a', contentType, bytes: Buffer.from('x') }).contentType;
    expect(typeOf(' text/html ')).toBe('text/html');
    expect(typeOf('')).toBeNull();
    expect(() => typeOf('x'.repeat(201))).toThrow('file: the content type is longer than 200 characters');
  });
});

describe('hostile file names', () => {
  const name = (filename: string) => checkFile({ filename, bytes: Buffer.from('x') }).filename;

  it('can name no path and break no header: separators, control characters and quotes become "_"', () => {
    expect(name('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(name('..\\..\\boot.ini')).toBe('.._.._boot.ini');
    expect(name('a.txt\r\nSet-Cookie: s=1')).toBe('a.txt__Set-Cookie: s=1');
    expect(name('x"; filename="evil.exe')).toBe('x_; filename=_evil.exe');
    expect(name('nul\u0000.txt')).toBe('nul_.txt');
    expect(name('  rapport final.pdf  ')).toBe('rapport final.pdf');
    expect(name('scïm 報告.pdf')).toBe('scïm 報告.pdf');
    expect(() => name('   ')).toThrow('file: the file has no name');
    expect(() => name('a'.repeat(256))).toThrow('file: the name is longer than 255 characters');
  });

  it('whatever the name, the one kept has none of / \\ " or a control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 255 }), (filename) => {
        let kept: string;
        try {
          kept = name(filename);
        } catch (error) {
          expect((error as Error).message).toMatch(/^file: /);
          return;
        }
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that no control character is kept
        expect(kept).not.toMatch(/[\\/"\u0000-\u001f]/);
        expect(kept.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('links and the choice of evidence', () => {
  it('takes an https link and refuses others naming the url field', () => {
    const link = 'https://wiki.acme.example/x';
    expect(checkEvidence({ url: ` ${link} ` })).toEqual({ link, diff: { url: link } });
    expect(() => checkEvidence({ url: 'http://wiki.acme.example/x' })).toThrow(
      'url: Links must use https: http links are refused.',
    );
    expect(() => checkEvidence({ url: 'javascript:alert(1)' })).toThrow(/^url: Links must use https/);
    expect(() => checkEvidence({ url: 'https://u:p@wiki.acme.example/' })).toThrow(
      'url: Links must not carry a user name or password.',
    );
    expect(() => checkEvidence(null)).toThrow('evidence: give an https link (url) or a file.');
  });
});
