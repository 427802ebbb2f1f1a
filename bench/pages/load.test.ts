// The pages bench's load against a local server: requests arrive evenly spaced at the rate asked, whatever the
// answers' times (open loop), every answer's time is kept, and a non-2xx answer is counted as failed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoad, percentile } from './load.ts';

const arrivals: number[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    // Slower than the spacing between requests: a closed loop on few connections would fall behind.
    setTimeout(
      () => {
        res.statusCode = req.url === '/fail' ? 500 : 200;
        res.end('ok');
      },
      req.url === '/slow' ? 1500 : 120,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('openLoad', () => {
  it('sends rate requests a second, evenly spaced, and keeps every answer time', async () => {
    arrivals.length = 0;
    const run = await openLoad(`${base}/`, {}, 20, 2);
    expect(run.failed).toBe(0);
    expect(run.requests).toBe(40);
    expect(arrivals).toHaveLength(40);
    expect(run.p50).toBeGreaterThanOrEqual(115);
    // No burst: in any 25 ms at most two requests arrived (autocannon at overallRate 20 sends several at once).
    const sorted = [...arrivals].sort((a, b) => a - b);
    const most = Math.max(...sorted.map((t, i) => sorted.slice(i).filter((u) => u - t < 25).length));
    expect(most).toBeLessThanOrEqual(2);
  });

  it('keeps the rate when answers are slower than a second', async () => {
    arrivals.length = 0;
    const run = await openLoad(`${base}/slow`, {}, 10, 1);
    expect(run.requests).toBe(10);
    expect(run.p50).toBeGreaterThanOrEqual(1500);
    // All ten left within the second, not one per answer.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1200);
  });

  it('counts a non-2xx answer as failed', async () => {
    const run = await openLoad(`${base}/fail`, {}, 4, 1);
    expect(run.requests).toBeGreaterThan(0);
    expect(run.failed).toBe(run.requests);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const times = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(times, 50), percentile(times, 95), percentile(times, 99)]).toEqual([50, 95, 99]);
    expect(percentile([], 95)).toBe(0);
  });
});
