// The Compliance API, as the scheduled puller reads it:
// GET {base}/{workspaces|organizations}/{principal}/logs?event_type=…&after=…&limit=… → {data:[{id,…}], has_more,
// last_end_time}
//   GET {base}/…/logs/{id} → a redirect to a signed URL serving the JSONL file.
// The bearer key is sent to the API's own origin only, never to the host a redirect points at.
// 429 and 5xx are retried with exponential back-off and full jitter (Retry-After honoured).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '@/lib/runtime/config-error.ts';

export type ApiSettings = { baseUrl: string; principal: string; apiKey: string };
export type LogPage = { ids: string[]; hasMore: boolean; lastEndTime: string | null };
export type RetryPolicy = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * https only, except loopback (tests and local mirrors). Names the setting when it is wrong. No user name,
 * password, query or fragment: the URL is stored and audited in clear, so a credential in it (?api_key=…,
 * https://user:pass@…) would leak; the key has its own field, stored encrypted. Messages never echo the value.
 */
export function checkBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'Compliance API base URL',
      'is not a URL (expected e.g. https://api.chatgpt.com/v1/compliance)',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigError(
      'Compliance API base URL',
      `must be https (http is accepted for localhost only), got ${url.protocol}//${url.host}`,
    );
  }
  if (url.username || url.password || url.search || url.hash || /[?#]/.test(value)) {
    throw new ConfigError(
      'Compliance API base URL',
      'must not contain a user name, password, query or fragment: put the API ' +
        'key in the API key field, where it is stored encrypted',
    );
  }
  return url;
}

function logsUrl(settings: ApiSettings): string {
  const base = checkBaseUrl(settings.baseUrl).href.replace(/\/+$/, '');
  const kind = settings.principal.startsWith('org-') ? 'organizations' : 'workspaces';
  return `${base}/${kind}/${encodeURIComponent(settings.principal)}/logs`;
}

export async function listLogs(
  settings: ApiSettings,
  query: { eventType: string; after: string | null; limit: number },
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<LogPage> {
  const url = new URL(logsUrl(settings));
  url.searchParams.set('event_type', query.eventType);
  url.searchParams.set('limit', String(query.limit));
  if (query.after) url.searchParams.set('after', query.after);
  const response = await withRetry(
    () =>
      fetch(url, {
        headers: { authorization: `Bearer ${settings.apiKey}`, accept: 'application/json' },
        redirect: 'error',
      }),
    retry,
  );
  const body = (await response.json()) as { data?: { id?: unknown }[]; has_more?: unknown; last_end_time?: unknown };
  if (!Array.isArray(body.data)) throw new ApiError(response.status, 'the list response has no data array');
  return {
    ids: body.data.map((d) => d.id).filter((id): id is string => typeof id === 'string'),
    hasMore: body.has_more === true,
    lastEndTime: typeof body.last_end_time === 'string' ? body.last_end_time : null,
  };
}

/** Downloads one log file to `dest`, following one redirect to its signed URL without the bearer key. */
export async function downloadLog(
  settings: ApiSettings,
  id: string,
  dest: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  const apiUrl = new URL(`${logsUrl(settings)}/${encodeURIComponent(id)}`);
  const response = await withRetry(async () => {
    const first = await fetch(apiUrl, { headers: { authorization: `Bearer ${settings.apiKey}` }, redirect: 'manual' });
    if (first.status < 300 || first.status >= 400) return first;
    const location = first.headers.get('location');
    await first.body?.cancel();
    if (!location) throw new ApiError(first.status, `redirect without a Location for log ${id}`);
    const target = new URL(location, apiUrl);
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && LOOPBACK.has(target.hostname)))
      throw new ApiError(first.status, `refusing a redirect to ${target.protocol}//${target.host}`);
    const sameOrigin = target.origin === apiUrl.origin;
    return fetch(target, {
      headers: sameOrigin ? { authorization: `Bearer ${settings.apiKey}` } : {},
      redirect: 'error',
    });
  }, retry);
  if (!response.body) throw new ApiError(response.status, `log ${id} has no body`);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(dest));
}

/** Runs `request`, backing off on 429 and 5xx (Retry-After honoured); lib/gpts/platform shares it. */
export async function withRetry(request: () => Promise<Response>, policy: RetryPolicy): Promise<Response> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    const response = await request();
    if (response.ok) return response;
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= policy.attempts) {
      const text = (await response.text()).slice(0, 200);
      throw new ApiError(
        response.status,
        `Compliance API answered ` +
          `${response.status}${text ? `: ${text}` : ''}${retryable ? ` after ${attempt} attempts` : ''}`,
      );
    }
    await response.body?.cancel();
    const retryAfter = Number(response.headers.get('retry-after'));
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * random();
    await sleep(
      Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(policy.maxDelayMs, retryAfter * 1000) : backoff,
    );
  }
}
