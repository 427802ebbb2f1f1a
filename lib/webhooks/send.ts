// One POST to a webhook receiver, safe against server-side request forgery: the host is resolved here, at send
// time, every address it resolves to is checked (address.ts), and the connection is pinned to the checked address
// (a custom `lookup`), so a second DNS answer cannot swap it (rebinding). Redirects are never followed (a 3xx is a
// failure), the whole exchange is bounded by a timeout, and only the start of the response body is read.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, parseDestination } from './address.ts';

export const SEND_TIMEOUT_MS = 10_000;
const RESPONSE_CAP = 4096;

export type SendOutcome = { ok: boolean; status: number | null; error: string | null; durationMs: number };
export type SendOptions = { allowPrivate: boolean; timeoutMs?: number };
type Resolved = { address: string; family: number };

/** Every address of the URL's host, refused when any is private (unless allowed). Throws a sentence. */
export async function resolveDestination(url: URL, allowPrivate: boolean): Promise<Resolved[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses: Resolved[] =
    isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${url.hostname} does not resolve`);
  const inside = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
  if (inside)
    throw new Error(
      `refused: ${url.hostname} resolves to ${inside.address}, a private, loopback or link-local address ` +
        '(set TOLLGATE_WEBHOOK_ALLOW_PRIVATE=1 for on-premises receivers)',
    );
  return addresses;
}

/** The socket's lookup answers only the addresses checked above (all of them when it tries several families). */
function pinned(checked: Resolved[]): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: Resolved[]) => void)(null, checked);
    else callback(null, checked[0]!.address, checked[0]!.family);
  };
}

export async function postWebhook(
  destination: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendOutcome> {
  const started = Date.now();
  const done = (ok: boolean, status: number | null, error: string | null): SendOutcome => ({
    ok,
    status,
    error,
    durationMs: Date.now() - started,
  });
  const url = parseDestination(destination, options.allowPrivate);
  if (typeof url === 'string') return done(false, null, url);
  let to: Resolved[];
  try {
    to = await resolveDestination(url, options.allowPrivate);
  } catch (error) {
    return done(false, null, (error as Error).message);
  }
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  return new Promise<SendOutcome>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned(to),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Tollgate-Webhooks' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.length >= RESPONSE_CAP) response.destroy(); // enough to show an error; the rest is not read
        });
        const finish = () => {
          clearTimeout(timer);
          if (status >= 200 && status < 300) return resolve(done(true, status, null));
          if (status >= 300 && status < 400)
            return resolve(done(false, status, `HTTP ${status}: redirect not followed`));
          const snippet = text.slice(0, 120).replace(/\s+/g, ' ').trim();
          resolve(done(false, status, `HTTP ${status}${snippet ? `: ${snippet}` : ''}`));
        };
        response.on('end', finish);
        response.on('close', finish);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve(done(false, null, error.message));
    });
    request.end(body);
  });
}
