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
    // Evenly spaced, not in bursts (autocannon at overallRate 20 sends several at once: a median gap near 0): the
    // median gap between arrivals is the 50 ms the rate asks for, and they span the run. The median, not the
    // largest burst, so that a loaded machine's late timer (a few requests sent together once) does not count.
    const sorted = [...arrivals].sort((a, b) => a - b);
    const gaps = sorted
      .slice(1)
      .map((t, i) => t - sorted[i]!)
      .sort((a, b) => a - b);
    expect(percentile(gaps, 50)).toBeGreaterThanOrEqual(35);
    expect(percentile(gaps, 50)).toBeLessThanOrEqual(65);
    expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThanOrEqual(1_500);
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
