// One POST against a real local receiver: a receiver that never answers is given up after the timeout, and of an
// endless error answer only the start is read (the call returns at once, not at the timeout) and shown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './send.ts';

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    if (req.url === '/silent') return; // never answers
    // An answer that never ends: 8 KB every 10 ms.
    res.writeHead(500, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('x'.repeat(8192)), 10);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('postWebhook', () => {
  it('gives up on a receiver that does not answer within the timeout', async () => {
    const started = Date.now();
    const out = await postWebhook(`${base}/silent`, '{}', {}, { allowPrivate: true, timeoutMs: 300 });
    expect(out).toMatchObject({ ok: false, status: null, error: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reads only the start of an error answer and does not wait for the rest', async () => {
    const out = await postWebhook(`${base}/endless`, '{}', {}, { allowPrivate: true, timeoutMs: 5_000 });
    expect(out).toMatchObject({ ok: false, status: 500, error: `HTTP 500: ${'x'.repeat(120)}` });
    expect(out.durationMs).toBeLessThan(2_000);
  });
});
