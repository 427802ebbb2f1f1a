// readBody (issue 15, item 2): the whole body or a clear refusal — 413 naming the limit, 400 when fewer or more
// bytes arrive than Content-Length announced (a body cut on the way is never taken for the whole file).
import { describe, expect, it } from 'vitest';
import { readBody } from './route.ts';

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/x', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

const stream = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });

describe('readBody', () => {
  it('reads the whole body when it matches its Content-Length, or when there is none (chunked)', async () => {
    expect((await readBody(post('abc', { 'content-length': '3' }), 10)).toString()).toBe('abc');
    expect((await readBody(post(stream('abcdef')), 10)).toString()).toBe('abcdef');
  });

  it('refuses a body shorter or longer than its Content-Length with 400: nothing half-received is used', async () => {
    await expect(readBody(post('abc', { 'content-length': '10' }), 100)).rejects.toMatchObject({
      status: 400,
      message: 'The upload was cut short: 3 of the 10 bytes announced (Content-Length) arrived. Nothing was stored.',
    });
    await expect(readBody(post(stream('abcdef'), { 'content-length': '2' }), 100)).rejects.toMatchObject({
      status: 400,
    });
    await expect(readBody(post('abc', { 'content-length': 'lots' }), 100)).rejects.toMatchObject({
      status: 400,
      message: 'Content-Length is not a number of bytes.',
    });
  });

  it('refuses more than the limit with 413 naming it, announced or not', async () => {
    await expect(
      readBody(post('x', { 'content-length': String(65 * 1024 * 1024) }), 64 * 1024 * 1024),
    ).rejects.toMatchObject({ status: 413, message: 'The file is larger than the limit of 64 MB.' });
    await expect(readBody(post(stream('x'.repeat(300 * 1024))), 256 * 1024)).rejects.toMatchObject({
      status: 413,
      message: 'The file is larger than the limit of 256 KB.',
    });
  });
});
