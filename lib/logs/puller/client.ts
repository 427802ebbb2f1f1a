// The Compliance API, as the scheduled puller reads it:
// GET {base}/{workspaces|organizations}/{principal}/logs?event_type=…&after=…&limit=… → {data:[{id,…}], has_more,
// last_end_time}
//   GET {base}/…/logs/{id} → a redirect to a signed URL serving the JSONL file.
// Paths and the file checksum come from definition.ts, which the simulated platform shares. A download whose answer
// carries a checksum (RFC 9530 Repr-Digest / Content-Digest, Content-MD5) is hashed as it streams and refused when
// the bytes do not match (docs/decisions/0039).
// The bearer key is sent to the API's own origin only, never to the host a redirect points at.
// 429 and 5xx are retried with exponential back-off and full jitter (Retry-After honoured).
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import {
  ChecksumHeaderError,
  checksumHasher,
  checksumText,
  type FileChecksum,
  fileChecksums,
  LOGS_LIST_PATH,
  logPath,
} from './definition.ts';

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

/** A log file whose bytes do not match the checksum its download gave, or whose checksum cannot be read. */
export class ChecksumError extends Error {}

/** What a download gives besides the file: Tollgate's SHA-256 of the bytes and the platform's checksum, if any. */
export type Downloaded = { sha256: string; checksum: FileChecksum | null };

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

function principalUrl(settings: ApiSettings): string {
  const base = checkBaseUrl(settings.baseUrl).href.replace(/\/+$/, '');
  const kind = settings.principal.startsWith('org-') ? 'organizations' : 'workspaces';
  return `${base}/${kind}/${encodeURIComponent(settings.principal)}`;
}

export async function listLogs(
  settings: ApiSettings,
  query: { eventType: string; after: string | null; limit: number },
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<LogPage> {
  const url = new URL(`${principalUrl(settings)}${LOGS_LIST_PATH}`);
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

/**
 * Downloads one log file to `dest`, following one redirect to its signed URL without the bearer key. When the answer
 * carries a checksum, a file whose bytes do not match it is removed and refused (ChecksumError).
 */
export async function downloadLog(
  settings: ApiSettings,
  id: string,
  dest: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<Downloaded> {
  const apiUrl = new URL(`${principalUrl(settings)}${logPath(id)}`);
  const response = await withRetry(async () => {
    // identity: a checksum covers the bytes as served, and fetch would decode a gzip content-coding.
    const first = await fetch(apiUrl, {
      headers: { authorization: `Bearer ${settings.apiKey}`, 'accept-encoding': 'identity' },
      redirect: 'manual',
    });
    if (first.status < 300 || first.status >= 400) return first;
    const location = first.headers.get('location');
    await first.body?.cancel();
    if (!location) throw new ApiError(first.status, `redirect without a Location for log ${id}`);
    const target = new URL(location, apiUrl);
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && LOOPBACK.has(target.hostname)))
      throw new ApiError(first.status, `refusing a redirect to ${target.protocol}//${target.host}`);
    const sameOrigin = target.origin === apiUrl.origin;
    return fetch(target, {
      headers: { 'accept-encoding': 'identity', ...(sameOrigin ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      redirect: 'error',
    });
  }, retry);
  if (!response.body) throw new ApiError(response.status, `log ${id} has no body`);
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  let checksums: FileChecksum[];
  try {
    checksums = fileChecksums(response.headers);
    const coding = response.headers.get('content-encoding');
    if (checksums.length > 0 && coding && coding.toLowerCase() !== 'identity')
      throw new ChecksumHeaderError(`the file came ${coding}-encoded, so its checksum cannot be checked`);
  } catch (error) {
    body.destroy();
    if (error instanceof ChecksumHeaderError) throw new ChecksumError(`log ${id} refused: ${error.message}`);
    throw error;
  }
  const hasher = checksumHasher(checksums);
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hasher.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, hashing, createWriteStream(dest));
  const { sha256, mismatch } = hasher.finish();
  if (mismatch) {
    await rm(dest, { force: true });
    throw new ChecksumError(
      `log ${id} refused: its bytes hash to ${mismatch.expected.algorithm}:${mismatch.actual}, but the platform's ` +
        `${mismatch.expected.header} says ${checksumText(mismatch.expected)}`,
    );
  }
  return { sha256, checksum: checksums[0] ?? null };
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
