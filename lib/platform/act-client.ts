// ONE attempt of an acting route of the platform (docs/decisions/0026): the executor writes the attempt before
// calling and stores what comes back, so retries, back-off and the states live there, not here. The act key goes
// to the base URL's own origin only: a redirect is never followed (it could carry the key, or the act, elsewhere).
// Never throws: whatever goes wrong comes back as `error`, and nothing returned or thrown holds the key.
import { findJsonProblem } from '@/lib/http/safe-json.ts';
import { checkBaseUrl } from '@/lib/logs/puller/client.ts';
import { ACTION_ROUTES, actionParams, PLATFORM_ROUTES, routePath } from '@/lib/gpts/platform/definition.ts';
import type { ActionKind } from './kinds.ts';

export type ActSettings = { baseUrl: string; principal: string; actKey: string };
/**
 * status null = no answer (not sent, timed out, connection lost): the platform may or may not have acted, so a
 * retry must reuse the idempotency key. error is null exactly for a 2xx; otherwise it says why, for people.
 */
export type SendResult = { status: number | null; retryAfterMs: number | null; body: unknown; error: string | null };
export type SendOptions = { fetch?: typeof fetch; timeoutMs?: number; now?: () => number };

export const SEND_TIMEOUT_MS = 30_000;
/** An acting route answers a small JSON object; anything beyond this is not read. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** A Retry-After beyond this is taken as this (a platform asking for days is asking for a person). */
export const MAX_RETRY_AFTER_MS = 3_600_000;
const MESSAGE_CHARS = 300;
/** Printable ASCII without spaces: what a header value may carry unchanged. */
const HEADER_SAFE = /^[\x21-\x7e]{1,255}$/;

export async function sendAction(
  settings: ActSettings,
  kind: ActionKind,
  target: { targetId: string; fileId?: string | null },
  idempotencyKey: string,
  options: SendOptions = {},
): Promise<SendResult> {
  const fail = (error: string): SendResult => ({ status: null, retryAfterMs: null, body: null, error });
  const redact = (text: string) => (settings.actKey ? text.split(settings.actKey).join('[act key]') : text);
  if (!HEADER_SAFE.test(idempotencyKey)) return fail('the idempotency key must be 1–255 visible ASCII characters');
  if (!HEADER_SAFE.test(settings.actKey)) return fail('the act key is empty or holds characters a header cannot');
  // The kind comes back from the database as a string: an unknown one sends nothing.
  if (!Object.hasOwn(ACTION_ROUTES, kind)) return fail(`no acting route for the kind ${JSON.stringify(kind)}`);
  const route = PLATFORM_ROUTES[ACTION_ROUTES[kind]];
  let url: URL;
  try {
    const base = checkBaseUrl(settings.baseUrl).href.replace(/\/+$/, '');
    url = new URL(`${base}${routePath(ACTION_ROUTES[kind], settings.principal, actionParams(kind, target))}`);
  } catch (error) {
    return fail(redact((error as Error).message));
  }

  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: route.method,
      headers: {
        authorization: `Bearer ${settings.actKey}`,
        'idempotency-key': idempotencyKey,
        accept: 'application/json',
      },
      redirect: 'manual',
      signal: controller.signal,
    });
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), (options.now ?? Date.now)());
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      const where = redirectHost(response.headers.get('location'), url);
      return {
        status: response.status,
        retryAfterMs,
        body: null,
        error:
          `the platform answered ${response.status} with a redirect${where}: not followed ` +
          "(the act key is sent to the base URL's origin only)",
      };
    }
    const body = parseAnswer(redact(await readCapped(response, MAX_ANSWER_BYTES)));
    if (response.ok) return { status: response.status, retryAfterMs, body, error: null };
    const said = messageOf(body);
    return {
      status: response.status,
      retryAfterMs,
      body,
      error: redact(`the platform answered ${response.status}${said ? `: ${said}` : ''}`),
    };
  } catch (error) {
    if (controller.signal.aborted) return fail(`no answer within ${Math.round(timeoutMs / 100) / 10} s`);
    return fail(redact(`no answer: ${causeOf(error)}`));
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After as seconds ("120", "1.5") or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  // An HTTP date names a weekday and a month (RFC 9110); Date.parse would also take "3" or "2026".
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** Reads at most `max` bytes; a larger answer is cut (the status already says what happened). */
async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value.subarray(0, Math.max(0, max - total)));
    total += value.byteLength;
    if (total >= max) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The answer as JSON when it is JSON, else its first characters as text (a proxy's HTML error page); null when
 * empty or unsafe to store (a __proto__ key, a NUL PostgreSQL refuses, nesting too deep): the status says enough.
 */
function parseAnswer(text: string): unknown {
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    value = text.slice(0, MESSAGE_CHARS);
  }
  return findJsonProblem(value) ? null : value;
}

/** `{error: {message}}` (the platform's habit), `{message}`, or a short text answer. */
function messageOf(body: unknown): string | null {
  const pick = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  if (typeof body === 'string') return pick(body)?.slice(0, MESSAGE_CHARS) ?? null;
  if (typeof body !== 'object' || body === null) return null;
  const { error, message } = body as { error?: unknown; message?: unknown };
  const text = pick((error as { message?: unknown } | null)?.message) ?? pick(error) ?? pick(message) ?? null;
  return text?.slice(0, MESSAGE_CHARS) ?? null;
}

function redirectHost(location: string | null, from: URL): string {
  if (!location || !URL.canParse(location, from)) return '';
  return ` to ${new URL(location, from).host}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return (error as Error).message?.slice(0, MESSAGE_CHARS) || 'the request failed';
}
