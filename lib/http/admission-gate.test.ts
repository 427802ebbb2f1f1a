// The gate on a real Node HTTP server (no Next): requests are counted from the moment they arrive until their
// answer closes, whether finished or abandoned by the client, and a client cannot choose its own tag.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMISSION_HEADER,
  admissionStatus,
  admitRequest,
  installAdmissionGate,
  refuseWhenOverloaded,
} from './admission-gate.ts';

const LIMIT = 2;
const held = new Map<string, http.ServerResponse>();
const seenTags: string[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  process.env.TOLLGATE_MAX_IN_FLIGHT = String(LIMIT);
  installAdmissionGate();
  server = http.createServer((req, res) => {
    const headers = new Headers(req.headers as Record<string, string>);
    seenTags.push(String(headers.get(ADMISSION_HEADER)));
    if (req.url!.startsWith('/api/v1/agent-imports')) {
      // An upload route, outside the proxy, asks for itself.
      const refused = refuseWhenOverloaded(new Request(`http://x${req.url}`, { headers }), 'upload-1');
      if (refused) void refused.text().then((body) => res.writeHead(refused.status, [...refused.headers]).end(body));
      else res.writeHead(201).end('stored');
      return;
    }
    if (!admitRequest(headers)) {
      res.writeHead(503, { 'retry-after': '1' }).end('busy');
      return;
    }
    const name = new URL(req.url!, 'http://x').searchParams.get('hold');
    if (name) held.set(name, res);
    else res.end('done');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of held.values()) res.end();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a request that the server keeps open, and waits until the server holds it. */
async function hold(name: string, signal?: AbortSignal) {
  const answer = fetch(`${base}/page?hold=${name}`, { signal }).then(
    (r) => r.text(),
    () => 'aborted',
  );
  await expect.poll(() => held.has(name)).toBe(true);
  return { answer };
}

const statusOf = async (path: string, headers: Record<string, string> = {}) =>
  (await fetch(`${base}${path}`, { headers })).status;

describe('admission gate', () => {
  it('sheds past the limit until a held answer finishes or its client goes away', async () => {
    const first = await hold('a');
    const controller = new AbortController();
    const second = await hold('b', controller.signal);
    expect(admissionStatus()).toMatchObject({ inFlight: 2, limit: LIMIT, shedding: false });

    expect(await statusOf('/page')).toBe(503);
    // A client naming a tag (its own, or one it guessed) is counted like any other.
    expect(await statusOf('/page', { [ADMISSION_HEADER]: '1' })).toBe(503);
    expect(seenTags.at(-1)).not.toBe('1');
    // A router prefetch is refused while half the slots are taken, before a person's own request would be.
    expect(await statusOf('/page', { 'next-router-prefetch': '1' })).toBe(503);
    // An upload route refuses for itself, in the API's format.
    const upload = await fetch(`${base}/api/v1/agent-imports`, { method: 'POST', body: 'a,b' });
    expect(upload.status).toBe(503);
    expect(upload.headers.get('retry-after')).toMatch(/^[123]$/);
    expect(((await upload.json()) as { type: string }).type).toBe('https://tollgate.dev/problems/overloaded');
    // Liveness is never counted nor shed.
    expect(await statusOf('/api/health')).toBe(200);
    expect(admissionStatus()).toMatchObject({ inFlight: 2, shedding: true, shedTotal: 4 });

    held.get('a')!.end('whole');
    expect(await first.answer).toBe('whole');
    await expect.poll(() => admissionStatus().inFlight).toBe(1);
    expect(await statusOf('/page', { 'next-router-prefetch': '1' })).toBe(503);
    expect(await statusOf('/page')).toBe(200);

    // An abandoned request gives its slot back too, although its answer never finished.
    controller.abort();
    expect(await second.answer).toBe('aborted');
    await expect.poll(() => admissionStatus().inFlight).toBe(0);
    const again = await Promise.all([statusOf('/page'), statusOf('/page')]);
    expect(again).toEqual([200, 200]);
    expect((await fetch(`${base}/api/v1/agent-imports`, { method: 'POST', body: 'a,b' })).status).toBe(201);
  });
});
