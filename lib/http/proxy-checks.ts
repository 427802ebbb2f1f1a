// Pure checks the proxy makes before Next routes a request (no Next imports, so they are unit-tested directly).
import { isSameOrigin } from './same-origin.ts';

/**
 * False for a path Next's router cannot decode (e.g. "/agents/%E0%A4%A"): Next fails on it with a bare
 * "Internal Server Error" (it looks for a /400 page the App Router does not have), so the proxy answers 400.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A mutating request to a page is a server action (Next reads a POST with a Next-Action header, or a form
 * post, as one). Next's own check lets one with no Origin header through; this one requires Origin of this
 * host or Sec-Fetch-Site: same-origin. Route handlers (/api/, /scim/) check their own requests.
 */
export function refusesCrossSiteAction(
  method: string,
  pathname: string,
  headers: { get(name: string): string | null },
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (pathname.startsWith('/api/') || pathname.startsWith('/scim/')) return false;
  return !isSameOrigin(headers);
}

/** next.config.ts's static headers, set again on the proxy's own refusals so they never go out without them. */
export const STATIC_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
];
