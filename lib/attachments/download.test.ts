// Evidence downloads: whatever type a file was uploaded with and whatever its name, it is only ever a download —
// octet-stream, attachment, nosniff, no caching — with its stored SHA-256 in Repr-Digest.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDownload } from './download.ts';
import { checkFile } from './evidence.ts';

const stored = (filename: string, contentType: string, body: string) => {
  const file = checkFile({ filename, contentType, bytes: Buffer.from(body) });
  return { filename: file.filename, sha256: file.sha256, content: file.content };
};
const disposition = (res: Response) => res.headers.get('content-disposition');

describe('attachmentDownload', () => {
  it('never renders: an HTML, SVG or script upload is an octet-stream attachment with nosniff', async () => {
    const kinds = [
      ['page.html', 'text/html'],
      ['logo.svg', 'image/svg+xml'],
      ['x.js', 'text/javascript'],
    ] as const;
    for (const [name, type] of kinds) {
      const body = '<script>alert(1)</script>';
      const res = attachmentDownload(stored(name, type, body), 'evidence');
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(disposition(res)).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(body).digest('base64')}:`);
      expect(res.headers.get('content-length')).toBe(String(body.length));
      expect(await res.text()).toBe(body);
    }
  });

  it('names a non-ASCII file in filename* and an ASCII stand-in in filename', () => {
    const res = attachmentDownload(stored('scïm.html', 'text/html', 'x'), 'evidence');
    expect(disposition(res)).toBe(`attachment; filename="sc_m.html"; filename*=UTF-8''sc%C3%AFm.html`);
  });

  it("percent-encodes ' ( ) * in filename*, which the header's grammar does not allow bare", () => {
    const res = attachmentDownload(stored("it's (final)*.pdf", 'application/pdf', 'x'), 'evidence');
    expect(disposition(res)).toBe(
      `attachment; filename="it's (final)*.pdf"; filename*=UTF-8''it%27s%20%28final%29%2A.pdf`,
    );
  });

  it('for any stored name: one header line, a quoted ASCII name without " or \\, and filename* decoding back', () => {
    const header = /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), (raw) => {
        let file: ReturnType<typeof stored>;
        try {
          file = stored(raw, 'text/html', 'x');
        } catch {
          return; // a name refused at upload is never stored
        }
        const value = disposition(attachmentDownload(file, 'evidence'))!;
        const match = header.exec(value);
        expect(match, value).not.toBeNull();
        expect(match![1]).not.toMatch(/["\\]/);
        expect(decodeURIComponent(match![2]!)).toBe(file.filename);
      }),
    );
  });

  it('answers 404 for no record, or one whose evidence is a link', () => {
    expect(() => attachmentDownload(null, 'evidence')).toThrow(
      expect.objectContaining({ status: 404, message: 'No such file.' }),
    );
    expect(() => attachmentDownload({ filename: null, sha256: null, content: null }, 'evidence')).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});
