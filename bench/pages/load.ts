// An open-loop load: requests sent at fixed times, `rate` a second evenly spaced, each on a free keep-alive
// connection or a new one, so a slow answer never holds the next request back. Not autocannon: with
// `overallRate: 20` it caps itself at 20 connections, each sending once a second on its own one-second tick after
// its previous answer; twenty autocannon instances of one connection started 50 ms apart still sent bursts of 4–7
// requests within 10 ms on the loaded machine, and a connection whose answer takes over a second sends late.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type LoadRun = {
  requests: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** How late the latest request left against its planned time (the load generator's own delay). */
  lateMs: number;
};

/** The p-th percentile (nearest rank) of sorted times. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** One request: its time from sending to the last byte, and its status (0: it failed without an answer). */
function timed(agent: http.Agent, url: URL, headers: Record<string, string>) {
  return new Promise<{ ms: number; status: number }>((resolve) => {
    const t = performance.now();
    const req = http.get(url, { agent, headers, timeout: 30_000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0 }));
      res.on('error', () => resolve({ ms: performance.now() - t, status: 0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ms: performance.now() - t, status: 0 }));
  });
}

export async function openLoad(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const target = new URL(url);
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  let lateMs = 0;
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lateMs = Math.max(lateMs, performance.now() - due);
    pending.push(
      timed(agent, target, headers).then(({ ms, status }) => {
        times.push(ms);
        if (status < 200 || status > 299) failed++;
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    failed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? 0,
    lateMs,
  };
}

/** One user at a time: the median of n sequential requests (after one to warm up), what a request costs unqueued. */
export async function sequentialMedian(url: string, headers: Record<string, string>, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers, redirect: 'manual' });
    await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    if (i > 0) times.push(performance.now() - t);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}
