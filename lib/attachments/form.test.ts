// The one upload protocol: a multipart form, read as a stream up to the largest file plus the form around it.
// A body past the limit is refused (413) without being read on; the evidence is a link or a file, never both.
import { describe, expect, it } from 'vitest';
import { formEvidence, readAttachmentForm } from './form.ts';
import { FORM_OVERHEAD_BYTES, MAX_ATTACHMENT_BYTES } from './limits.ts';

const LIMIT = MAX_ATTACHMENT_BYTES + FORM_OVERHEAD_BYTES;
const CHUNK = 64 * 1024;
const MULTIPART = 'multipart/form-data; boundary=b';

/** A multipart body that never ends, counting what the reader pulled from it. */
function endless() {
  const pulled = { bytes: 0 };
  const part = '--b\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n';
  let first = true;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const chunk = first ? new TextEncoder().encode(part) : new Uint8Array(CHUNK);
        first = false;
        pulled.bytes += chunk.byteLength;
        c.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled };
}

const request = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request('http://localhost:3000/x', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

describe('readAttachmentForm', () => {
  it('reads the record fields and the file of a multipart form', async () => {
    const sent = new FormData();
    sent.set('workspaceId', 'ws-a');
    sent.set('file', new File(['minutes'], 'cab.txt', { type: 'text/plain' }));
    const wire = new Response(sent);
    const headers = { 'content-type': wire.headers.get('content-type')! };
    const form = await readAttachmentForm(request(await wire.arrayBuffer(), headers), 'sign-off');
    expect(form.get('workspaceId')).toBe('ws-a');
    expect(await formEvidence(form)).toEqual({
      filename: 'cab.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('minutes'),
    });
  });

  it('refuses an announced body over the limit with 413 before reading any of it', async () => {
    const { body, pulled } = endless();
    const headers = { 'content-type': MULTIPART, 'content-length': String(LIMIT + 1) };
    await expect(readAttachmentForm(request(body, headers), 'sign-off')).rejects.toMatchObject({
      status: 413,
      message: 'The file is larger than the limit of 10 MB.',
    });
    expect(pulled.bytes).toBe(0);
  });

  it('stops reading a chunked body as soon as it passes the limit (413), holding no more than the limit', async () => {
    const { body, pulled } = endless();
    await expect(readAttachmentForm(request(body, { 'content-type': MULTIPART }), 'sign-off')).rejects.toMatchObject({
      status: 413,
    });
    expect(pulled.bytes).toBeGreaterThan(LIMIT);
    expect(pulled.bytes).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });

  it('refuses the raw body with X-Filename (the old exception upload) and other non-form bodies with 400', async () => {
    const raw = request('minutes', { 'content-type': 'application/octet-stream', 'x-filename': 'cab.txt' });
    await expect(readAttachmentForm(raw, 'attachment')).rejects.toMatchObject({
      status: 400,
      message: 'Send the attachment as multipart/form-data.',
    });
    const json = request('{}', { 'content-type': 'application/json' });
    await expect(readAttachmentForm(json, 'sign-off')).rejects.toMatchObject({ status: 400 });
    const garbage = request('--x\r\ngarbage', { 'content-type': MULTIPART });
    await expect(readAttachmentForm(garbage, 'sign-off')).rejects.toMatchObject({
      status: 400,
      message: 'The form could not be read.',
    });
  });
});

describe('formEvidence', () => {
  const form = (fields: Record<string, string | File>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const link = 'https://a.example/x';

  it('is the link or the file, never both, never neither; an empty unnamed file part counts as no file', async () => {
    expect(await formEvidence(form({ url: ` ${link} ` }))).toEqual({ url: link });
    expect(await formEvidence(form({ url: link, file: new File([], '') }))).toEqual({ url: link });
    await expect(formEvidence(form({ url: link, file: new File(['x'], 'x.txt') }))).rejects.toThrow(
      'evidence: give either a link (url) or a file, not both.',
    );
    await expect(formEvidence(form({}))).rejects.toMatchObject({
      status: 422,
      message: 'evidence: give an https link (url) or a file.',
    });
  });
});
