// "Test connection" against the simulated platform: each key is told what it can do, a key in the wrong field is
// named by field, and the key never leaves for another host or shows up in what comes back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlatformSim, startPlatformSim } from '@/lib/platform-sim/server.ts';
import { arraySource } from '@/lib/platform-sim/source.ts';
import { keyOriginOf, TEST_AGENT_ID, testKey } from './connection.ts';

const READ = 'sk-read-conn-1b2c';
const ACT = 'sk-act-conn-9d8e';
const principal = 'ws-conn';
let sim: PlatformSim;
let redirecting: PlatformSim;
/** Records every request it gets, with its authorization header: where a redirect would lead. */
let elsewhere: http.Server;
const seenElsewhere: (string | undefined)[] = [];
let elsewhereUrl: string;

beforeAll(async () => {
  const gpt = { gpt: { id: 'g-1', name: 'One', latest_config: { name: 'One', tools: [], files: [] } } };
  sim = await startPlatformSim({
    principal,
    source: arraySource([gpt]),
    apiKey: READ,
    actKey: ACT,
    agents: [{ id: 'agent-real', name: 'Real' }],
  });
  elsewhere = http.createServer((req, res) => {
    seenElsewhere.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/v1`;
  redirecting = await startPlatformSim({
    principal,
    source: arraySource([gpt]),
    apiKey: READ,
    actKey: ACT,
    failures: [
      { route: 'listGpts', status: 307, times: 5, location: `${elsewhereUrl}/steal` },
      { route: 'unpublishAgent', status: 308, times: 5, location: `${elsewhereUrl}/steal` },
    ],
  });
});
afterAll(async () => {
  await sim.close();
  await redirecting.close();
  await new Promise((resolve) => elsewhere.close(resolve));
});

const settings = (key: string, baseUrl = sim.url) => ({ baseUrl, principal, key });

describe('testKey', () => {
  it('says the read key reads and the act key may act, and nothing is acted', async () => {
    expect(await testKey(settings(READ), 'read')).toEqual({
      ok: true,
      status: 200,
      detail: 'the read key reads: the platform listed GPTs (200)',
    });
    expect(await testKey(settings(ACT), 'act')).toEqual({
      ok: true,
      status: 404,
      detail: 'the act key is accepted: the platform looked for the test agent and found none',
    });
    expect(sim.acted).toEqual([]);
    expect(sim.agentStatus('agent-real')).toBe('published');
    expect(sim.agentStatus(TEST_AGENT_ID)).toBeUndefined();
  });

  it('names the field when a key sits in the other one', async () => {
    expect(await testKey(settings(ACT), 'read')).toEqual({
      ok: false,
      status: 403,
      detail: 'the read key cannot read (403): is this the act key, or a key without the read scope?',
    });
    expect(await testKey(settings(READ), 'act')).toEqual({
      ok: false,
      status: 403,
      detail: 'the act key lacks the delete/act scope (403): is this the read key?',
    });
  });

  it('says a wrong key was refused', async () => {
    for (const which of ['read', 'act'] as const) {
      expect(await testKey(settings('sk-wrong'), which)).toEqual({
        ok: false,
        status: 401,
        detail: `the ${which} key was refused (401): check the key`,
      });
    }
  });

  it('follows no redirect, so the key never reaches the host it points at', async () => {
    for (const which of ['read', 'act'] as const) {
      const result = await testKey(settings(which === 'read' ? READ : ACT, redirecting.url), which);
      expect(result.ok).toBe(false);
      expect(result.status).toBeGreaterThanOrEqual(307);
      expect(result.detail).toMatch(/redirect to 127\.0\.0\.1:\d+: not followed/);
    }
    expect(seenElsewhere).toEqual([]);
  });

  it('names a host that does not answer, and one that answers too late', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await testKey(settings(READ, `http://127.0.0.1:${port}/v1`), 'read');
    expect(refused).toEqual({ ok: false, status: null, detail: `no answer from 127.0.0.1:${port}: ECONNREFUSED` });

    const silent = http.createServer(() => {}); // never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slowPort = (silent.address() as AddressInfo).port;
    try {
      const late = await testKey(settings(ACT, `http://127.0.0.1:${slowPort}/v1`), 'act', { timeoutMs: 200 });
      expect(late).toEqual({ ok: false, status: null, detail: `no answer from 127.0.0.1:${slowPort} within 0.2 s` });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses an http base URL off loopback and a key a header cannot carry, sending nothing', async () => {
    const before = { ...sim.requests };
    expect(await testKey(settings(READ, 'http://api.example.com/v1'), 'read')).toMatchObject({
      ok: false,
      status: null,
      detail: expect.stringMatching(/must be https/),
    });
    expect(await testKey(settings('sk with space'), 'read')).toMatchObject({ ok: false, status: null });
    expect(await testKey(settings(''), 'act')).toMatchObject({ ok: false, status: null });
    expect(sim.requests).toEqual(before);
  });
});

describe('keyOriginOf', () => {
  it('is scheme, host and port: a path is not part of it, a port is', () => {
    expect(keyOriginOf('https://api.example.com/v1/compliance')).toBe('https://api.example.com');
    expect(keyOriginOf('https://api.example.com:443/v2')).toBe('https://api.example.com');
    expect(keyOriginOf('https://api.example.com:8443/v1')).toBe('https://api.example.com:8443');
    expect(keyOriginOf('not a url')).toBeNull();
  });
});
