// The simulated Compliance API, a small node:http server built from the shared definition
// (lib/gpts/platform/definition.ts): the GPT reads as cursor pages (`limit`, `after` → `{data, has_more,
// last_id}`); the acting routes (act-routes.ts: agents and GPTs, Idempotency-Key, a log event per act); the log
// feed the puller reads (log-feed.ts). Two keys: the read key reads, the act key acts, each gets 403 on the other's
// routes and any other bearer 401. An optional per-route rate limit (the platform's ~100 requests/minute → 429 +
// Retry-After; off for the benchmark), random 429s on the acting routes, and failures a test asks for (a malformed
// object, a 5xx, an answer held back). The demo and the contract tests run it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_PAGE_LIMIT,
  matchRoute,
  PLATFORM_ROUTES,
  principalPath,
  type RouteName,
} from '@/lib/gpts/platform/definition.ts';
import { LOGS_LIST_PATH } from '@/lib/logs/puller/definition.ts';
import { type Acted, createActing } from './acting.ts';
import { createActRoutes, type SlowAnswer } from './act-routes.ts';
import { type AgentStatus, createAgentRegistry, type SimAgent } from './agents.ts';
import { createLogFeed, type LogFeed, SIGNED_LOGS_PATH } from './log-feed.ts';
import { pageLimit, pageOf, pageOfList } from './pages.ts';
import type { GptSource, Json } from './source.ts';
import { createRandomThrottle, createRouteWindows } from './throttle.ts';

/** `location`: the answer is a redirect there (a platform or a proxy sending the caller elsewhere). */
export type SimFailure = {
  route: RouteName;
  status: number;
  times: number;
  retryAfterSeconds?: number;
  location?: string;
};
export type SimOptions = {
  principal: string;
  source: GptSource;
  /** The read key: when set, reads need it. */
  apiKey?: string;
  /** The act key: when set, the acting routes need it (the read key gets 403); else they take the read key. */
  actKey?: string;
  /** The workspace agents the acting routes know (all published at first); any other agent id is 404. */
  agents?: SimAgent[];
  /** Any agent id the list lacks is a published agent too (the demo: its tenant has every agent Tollgate lists). */
  anyAgent?: boolean;
  /** Requests per minute per route; off when absent. */
  rateLimit?: { perMinute: number; now?: () => number };
  /** The probability that an acting request answers 429 (Retry-After 1–3 s), drawn from `seed` (default 1). */
  randomThrottle?: number;
  seed?: number;
  /** GPT id → how its object is spoiled, wherever it is served (list and single read). */
  malformed?: Record<string, (gpt: Json) => unknown>;
  /** The first `times` requests to `route` answer `status`. */
  failures?: SimFailure[];
  /** Acts carried out, then answered late: a caller that gives up first has lost the answer, not the act. */
  slowAnswers?: SlowAnswer[];
  /** The platform's clock, for the times of its log events (default: the rate limit's clock, else Date.now). */
  now?: () => number;
  basePath?: string;
  defaultLimit?: number;
  /** The logs list answers an empty page (the demo's logs are seeded as uploads, so the puller finds nothing new). */
  emptyLogs?: boolean;
};
export type PlatformSim = {
  url: string;
  requests: Record<string, number>;
  /** The acts carried out, in order (a replayed Idempotency-Key is not an act). */
  acted: Acted[];
  /** The log feed: every event the acts wrote. */
  logs: LogFeed;
  agentStatus(id: string): AgentStatus | undefined;
  close(): Promise<void>;
};

const error = (message: string) => ({ error: { message } });
/** A path segment decoded, or null for a malformed %-escape (which must answer 404, not crash the server). */
const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
};

export async function startPlatformSim(options: SimOptions): Promise<PlatformSim> {
  const basePath = options.basePath ?? '/v1/compliance';
  const prefix = `${basePath}${principalPath(options.principal)}`;
  const now = options.now ?? options.rateLimit?.now ?? Date.now;
  const requests: Record<string, number> = {};
  const windows = options.rateLimit ? createRouteWindows(options.rateLimit.perMinute) : null;
  const throttle = options.randomThrottle ? createRandomThrottle(options.randomThrottle, options.seed ?? 1) : null;
  const failures = (options.failures ?? []).map((f) => ({ ...f }));
  const acting = createActing();
  const agents = createAgentRegistry(options.agents ?? [], { anyAgent: options.anyAgent });
  const logs = createLogFeed(options.principal, now);
  const actRoutes = createActRoutes({ acting, agents, logs, source: options.source, slowAnswers: options.slowAnswers });
  const timers = new Set<NodeJS.Timeout>();
  const count = (name: string) => {
    requests[name] = (requests[name] ?? 0) + 1;
  };

  /** Who the bearer is: 'read', 'act', or null for anyone else. */
  const bearerOf = (header: string | undefined) =>
    options.apiKey && header === `Bearer ${options.apiKey}`
      ? 'read'
      : options.actKey && header === `Bearer ${options.actKey}`
        ? 'act'
        : null;
  /** The refusal for this bearer on a route of this kind, or null when it may pass. */
  function refusal(bearer: 'read' | 'act' | null, acting: boolean): [number, string] | null {
    if (acting && options.actKey) {
      if (bearer === 'act') return null;
      return bearer === 'read' ? [403, 'this key lacks the delete/act scope'] : [401, 'invalid API key'];
    }
    if (!options.apiKey || bearer === 'read') return null;
    return bearer === 'act' ? [403, 'this key lacks the read scope'] : [401, 'invalid API key'];
  }

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (!res.destroyed)
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://sim');
    // A log file's signed URL: no key (the puller sends none off the API), the signature is the permission.
    if (req.method === 'GET' && url.pathname.startsWith(`${basePath}${SIGNED_LOGS_PATH}/`)) {
      count('downloadLogFile');
      const id = decoded(url.pathname.slice(`${basePath}${SIGNED_LOGS_PATH}/`.length));
      const file = id === null ? null : logs.open(id, url.searchParams.get('sig'));
      if (file === null) return send(403, error('bad signature'));
      return res.writeHead(200, { 'content-type': 'application/jsonl', ...file.headers }).end(file.text);
    }
    const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null;
    const route = path === null ? null : matchRoute(req.method ?? 'GET', path);
    const denied = refusal(bearerOf(req.headers.authorization), route ? PLATFORM_ROUTES[route.name].acting : false);
    if (denied) return send(denied[0], error(denied[1]));
    if (path === null) return send(404, error('unknown principal or route'));

    if (req.method === 'GET' && (path === LOGS_LIST_PATH || path.startsWith(`${LOGS_LIST_PATH}/`))) {
      count(path === LOGS_LIST_PATH ? 'listLogs' : 'getLog');
      if (path === LOGS_LIST_PATH) {
        if (options.emptyLogs) return send(200, { object: 'list', data: [], has_more: false, last_end_time: null });
        const listed = logs.list(url.searchParams);
        return send(listed.status, listed.body);
      }
      const id = decoded(path.slice(`${LOGS_LIST_PATH}/`.length));
      const signed = id === null ? null : logs.signedPath(id);
      if (!signed) return send(404, error('no such log file'));
      return res.writeHead(302, { location: `${basePath}${signed}` }).end();
    }
    if (!route) return send(404, error('unknown route'));
    count(route.name);

    const wait = windows?.admit(route.name, (options.rateLimit?.now ?? Date.now)()) ?? null;
    if (wait !== null) return send(429, error('rate limit exceeded'), { 'retry-after': String(wait) });
    const acts = PLATFORM_ROUTES[route.name].acting;
    const thrown = acts ? (throttle?.() ?? null) : null;
    if (thrown !== null) return send(429, error('too many requests, slow down'), { 'retry-after': String(thrown) });
    const failure = failures.find((f) => f.route === route.name && f.times > 0);
    if (failure) {
      failure.times--;
      const headers: Record<string, string> = {};
      if (failure.retryAfterSeconds) headers['retry-after'] = String(failure.retryAfterSeconds);
      if (failure.location) headers.location = failure.location;
      return send(failure.status, error(`simulated ${failure.status}`), headers);
    }
    const source = options.source;
    if (route.name === 'readFile') return send(501, error('file contents are not simulated'));
    if (acts) {
      const answer = actRoutes.handle(
        route.name,
        route.params,
        `${req.method} ${url.pathname}`,
        req.headers['idempotency-key'],
      );
      if (!answer.delayMs) return send(answer.status, answer.body, answer.headers);
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(answer.status, answer.body, answer.headers);
      }, answer.delayMs);
      timers.add(timer);
      return;
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
    acted: actRoutes.acted,
    logs,
    agentStatus: agents.status,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
