// Is this request from a page of this app? Used by mutating route handlers (assertSameOrigin) and by the proxy
// for server actions, whose built-in check lets a POST without an Origin header through. Pure: no Next, no I/O.

type HeaderSource = { get(name: string): string | null };

/**
 * Same-origin when Origin names this host (X-Forwarded-Host behind a proxy, else Host), or, with no Origin at
 * all, when the browser says Sec-Fetch-Site: same-origin. `Origin: null` (sandboxed frames, cross-site
 * redirects) and an Origin that is not a URL are cross-site, never an error.
 */
export function isSameOrigin(headers: HeaderSource): boolean {
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  if (!host) return false;
  const origin = headers.get('origin');
  if (origin === null) return headers.get('sec-fetch-site') === 'same-origin';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.host === host.toLowerCase();
}
