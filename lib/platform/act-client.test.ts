// The act client's one attempt, against a bare local server that answers what each case needs: the route, the
// key and the idempotency key it sends; a redirect refused; no answer in time; Retry-After in both forms; a key
// the server echoes never comes back; an answer too large is cut.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter, sendAction } from './act-client.ts';

const KEY = 'sk-act-unit-0123456789';
type Seen = { method?: string; url?: string; auth?: string; idem?: string };
const seen: Seen[] = [];
let server: http.Server;
let base: string;
let elsewhere = 0;

beforeAll(async () => {
  const other = http.createServer((_req, res) => {
    elsewhere++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherPort = (other.address() as AddressInfo).port;
  server = http.createServer((req, res) => {
    seen.push({
      method: req.method,
      url: req.url,
      auth: req.headers.authorization,
      idem: req.headers['idempotency-key'] as string | undefined,
    });
    const agent = decodeURIComponent(req.url!.split('/')[6] ?? '');
    const json = (status: number, body: unknown, headers = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (agent === 'moved') return res.writeHead(307, { location: `http://127.0.0.1:${otherPort}/x` }).end();
    if (agent === 'slow') return setTimeout(() => json(200, {}), 2_000);
    if (agent === 'busy') return json(429, { error: { message: 'slow down' } }, { 'retry-after': '7' });
    if (agent === 'echo') return json(401, { error: { message: `bad key ${KEY}` } });
    if (agent === 'huge') return json(500, { error: { message: 'x'.repeat(200_000) } });
    if (agent === 'proto') return res.writeHead(200).end('{"__proto__": {"polluted": true}}');
    json(200, { id: agent, status: 'unpublished' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/compliance`;
  server.on('close', () => other.close());
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = () => ({ baseUrl: base, principal: 'ws-unit', actKey: KEY });
const unpublish = (agent: string, options = {}) =>
  sendAction(settings(), 'unpublish_agent', { targetId: agent }, `idem-${agent.replace(/\W/g, '_')}`, options);

describe('sendAction', () => {
  it('POSTs the route of the kind with the act key and the idempotency key, and returns the answer', async () => {
    const result = await unpublish('a 1');
    expect(result).toEqual({
      status: 200,
      retryAfterMs: null,
      body: { id: 'a 1', status: 'unpublished' },
      error: null,
    });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/compliance/workspaces/ws-unit/agents/a%201/unpublish',
      auth: `Bearer ${KEY}`,
      idem: 'idem-a_1',
    });
    await sendAction(settings(), 'delete_gpt_file', { targetId: 'g-1', fileId: 'f/2' }, 'k-2');
    expect([seen.at(-1)!.method, seen.at(-1)!.url]).toEqual([
      'DELETE',
      '/v1/compliance/workspaces/ws-unit/gpts/g-1/files/f%2F2',
    ]);
  });

  it('refuses to follow a redirect: nothing reaches the other host', async () => {
    const result = await unpublish('moved');
    expect(result.status).toBe(307);
    expect(result.error).toMatch(/redirect to 127\.0\.0\.1:\d+: not followed/);
    expect(elsewhere).toBe(0);
  });

  it('gives up after the timeout with no status, so the executor knows the act may have happened', async () => {
    const started = Date.now();
    const result = await unpublish('slow', { timeoutMs: 200 });
    expect(result).toMatchObject({ status: null, error: 'no answer within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reads Retry-After, keeps the key out of what it returns, cuts a huge answer, drops an unsafe one', async () => {
    expect(await unpublish('busy')).toMatchObject({
      status: 429,
      retryAfterMs: 7_000,
      error: expect.stringMatching(/429: slow down/),
    });
    const echoed = await unpublish('echo');
    expect(JSON.stringify(echoed)).not.toContain(KEY);
    expect(echoed.error).toBe('the platform answered 401: bad key [act key]');
    const huge = await unpublish('huge');
    expect(huge.status).toBe(500);
    expect(JSON.stringify(huge).length).toBeLessThan(70_000);
    expect(await unpublish('proto')).toMatchObject({ status: 200, body: null, error: null });
  });

  it('sends nothing when the base URL, the key, the idempotency key or the target cannot work', async () => {
    const before = seen.length;
    const bad = await sendAction(
      { ...settings(), baseUrl: 'http://example.com/v1' },
      'delete_agent',
      { targetId: 'a' },
      'k',
    );
    expect(bad).toMatchObject({ status: null, error: expect.stringMatching(/must be https/) });
    expect((await sendAction(settings(), 'delete_agent', { targetId: 'a' }, 'two words')).error).toMatch(/idempotency/);
    expect((await sendAction({ ...settings(), actKey: '' }, 'delete_agent', { targetId: 'a' }, 'k')).error).toMatch(
      /act key/,
    );
    expect((await sendAction(settings(), 'delete_gpt_file', { targetId: 'g' }, 'k')).error).toMatch(/needs file_id/);
    expect((await sendAction(settings(), 'delete_agent', { targetId: '' }, 'k')).error).toMatch(/needs agent_id/);
    const unknown = await sendAction(settings(), '__proto__' as 'delete_agent', { targetId: 'a' }, 'k');
    expect(unknown.error).toMatch(/no acting route for the kind "__proto__"/);
    expect(seen.length).toBe(before);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-06T10:00:00Z');
  it('reads seconds and HTTP dates, never goes negative, caps at an hour, ignores anything else', () => {
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sun, 06 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 06 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    for (const junk of [null, '', '-1', 'soon', 'Sunday', '1e3']) expect(parseRetryAfter(junk, now)).toBeNull();
  });
});
