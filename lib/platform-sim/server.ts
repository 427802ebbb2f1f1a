// The simulated Compliance API's GPT routes, a small node:http server built from the shared definition
// (lib/gpts/platform/definition.ts): cursor pages (`limit`, `after` → `{data, has_more, last_id}`), the bearer
// key, an optional per-route rate limit (the platform's ~100 requests/minute → 429 + Retry-After; off for the
// benchmark) and failures a test asks for (a malformed object, a 5xx). The demo and the contract test run it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PLATFORM_ROUTES,
  MAX_PAGE_LIMIT,
  matchRoute,
  principalPath,
  type RouteName,
} from '@/lib/gpts/platform/definition.ts';
import { type Acted, createActing } from './acting.ts';
import type { GptSource, Json } from './source.ts';

export type SimFailure = { route: RouteName; status: number; times: number; retryAfterSeconds?: number };
export type SimOptions = {
  principal: string;
  source: GptSource;
  /** When set, any other bearer gets 401. */
  apiKey?: string;
  /** Requests per minute per route; off when absent. */
  rateLimit?: { perMinute: number; now?: () => number };
  /** GPT id → how its object is spoiled, wherever it is served (list and single read). */
  malformed?: Record<string, (gpt: Json) => unknown>;
  /** The first `times` requests to `route` answer `status`. */
  failures?: SimFailure[];
  basePath?: string;
  defaultLimit?: number;
  /** The logs list answers an empty page (the demo's logs are seeded as uploads, so the puller finds nothing new). */
  emptyLogs?: boolean;
};
export type PlatformSim = {
  url: string;
  requests: Record<string, number>;
  /** The acting routes carried out, in order. */
  acted: Acted[];
  close(): Promise<void>;
};

const WINDOW_MS = 60_000;

export async function startPlatformSim(options: SimOptions): Promise<PlatformSim> {
  const basePath = options.basePath ?? '/v1/compliance';
  const prefix = `${basePath}${principalPath(options.principal)}`;
  const requests: Record<string, number> = {};
  const windows = new Map<RouteName, { start: number; count: number }>();
  const failures = (options.failures ?? []).map((f) => ({ ...f }));
  const acting = createActing();

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const url = new URL(req.url ?? '/', 'http://sim');
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return send(401, { error: { message: 'invalid API key' } });
    if (!url.pathname.startsWith(`${prefix}/`)) return send(404, { error: { message: 'unknown principal or route' } });
    if (options.emptyLogs && req.method === 'GET' && url.pathname === `${prefix}/logs`)
      return send(200, { object: 'list', data: [], has_more: false, last_end_time: null });
    const route = matchRoute(req.method ?? 'GET', url.pathname.slice(prefix.length));
    if (!route) return send(404, { error: { message: 'unknown route' } });
    requests[route.name] = (requests[route.name] ?? 0) + 1;

    if (options.rateLimit) {
      const now = (options.rateLimit.now ?? Date.now)();
      const window = windows.get(route.name);
      if (!window || now - window.start >= WINDOW_MS) windows.set(route.name, { start: now, count: 1 });
      else if (++window.count > options.rateLimit.perMinute) {
        const wait = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
        return send(429, { error: { message: 'rate limit exceeded' } }, { 'retry-after': String(wait) });
      }
    }
    const failure = failures.find((f) => f.route === route.name && f.times > 0);
    if (failure) {
      failure.times--;
      const headers: Record<string, string> = failure.retryAfterSeconds
        ? { 'retry-after': String(failure.retryAfterSeconds) }
        : {};
      return send(failure.status, { error: { message: `simulated ${failure.status}` } }, headers);
    }
    const source = options.source;
    if (route.name === 'readFile') return send(501, { error: { message: 'file contents are not simulated' } });
    if (PLATFORM_ROUTES[route.name].method === 'DELETE') {
      const done = acting.act(route.name, route.params, source);
      return send(done.status, done.body);
    }
    const gptId = route.params.gpt_id;
    const index = gptId === undefined ? -1 : source.indexOf(gptId);
    if (gptId !== undefined && (index < 0 || acting.gone(gptId)))
      return send(404, { error: { message: 'no such GPT' } });
    const served = (i: number) => {
      const gpt = acting.apply(source.gpt(i));
      const spoil = options.malformed?.[source.idAt(i)];
      return spoil ? spoil(structuredClone(gpt)) : gpt;
    };
    if (route.name === 'getGpt') return send(200, served(index));

    const limit = pageLimit(url.searchParams.get('limit'), options.defaultLimit ?? 20);
    if (limit === null) return send(400, { error: { message: `limit must be 1..${MAX_PAGE_LIMIT}` } });
    const after = url.searchParams.get('after');
    const page =
      route.name === 'listGpts'
        ? pageOf(
            {
              count: source.count,
              idAt: (i) => source.idAt(i),
              indexOf: (id) => source.indexOf(id),
              gone: (i) => acting.gone(source.idAt(i)),
              item: served,
            },
            after,
            limit,
          )
        : route.name === 'listConfigs'
          ? pageOfList(source.configs(index), after, limit)
          : pageOfList(acting.sharedUsers(gptId!, source.sharedUsers(index)), after, limit);
    if (!page) return send(400, { error: { message: 'unknown cursor' } });
    send(200, page);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    acted: acting.acted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function pageLimit(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_LIMIT ? n : null;
}

type Pageable = {
  count: number;
  idAt(i: number): string;
  indexOf?(id: string): number;
  /** An item the list no longer shows (a deleted GPT); its id still works as a cursor. */
  gone?(i: number): boolean;
  item(i: number): unknown;
};

/** `after` is the id of the last item of the previous page; null when it is no item's id. */
function pageOf(list: Pageable, after: string | null, limit: number) {
  let start = 0;
  if (after !== null) {
    // The GPT list finds its cursor by id without scanning when the source can (indexOf); other lists scan.
    const at = findIndex(list, after);
    if (at < 0) return null;
    start = at + 1;
  }
  const data: unknown[] = [];
  let i = start;
  let last: string | null = null;
  for (; i < list.count && data.length < limit; i++) {
    if (list.gone?.(i)) continue;
    data.push(list.item(i));
    last = list.idAt(i);
  }
  while (i < list.count && list.gone?.(i)) i++;
  return { object: 'list', data, has_more: i < list.count, last_id: last };
}

function findIndex(list: Pageable, id: string): number {
  if (list.indexOf) return list.indexOf(id);
  for (let i = 0; i < list.count; i++) if (list.idAt(i) === id) return i;
  return -1;
}

function pageOfList(items: Json[], after: string | null, limit: number) {
  return pageOf({ count: items.length, idAt: (i) => String(items[i]!.id), item: (i) => items[i] }, after, limit);
}
