// Domain names of GPT actions, pure: one normal form, and the allowlist rule the platform applies (a parent
// domain allows its subdomains). Matching is by whole labels, so `example.com` allows `api.example.com` but
// never `evilexample.com` or `example.com.evil.net`.
import { domainToASCII } from 'node:url';

/**
 * Lower case, IDN as punycode (`bücher.example` → `xn--bcher-kva.example`), no trailing dot, no port, no
 * `*.` prefix. Returns '' for anything that is not a host name (an IP literal is kept as written).
 */
export function normalizeDomain(input: string): string {
  let text = input.trim().toLowerCase();
  if (text.startsWith('*.')) text = text.slice(2);
  text = text.replace(/:\d+$/, '').replace(/\.+$/, '');
  if (text === '' || text.includes('..') || /[\s/\\@?#]/.test(text)) return '';
  const ascii = domainToASCII(text).replace(/\.+$/, '');
  // domainToASCII passes characters no host name has ("domain!"): only letters, digits, - and _ in 1–63 labels.
  return ascii.length <= 253 && ascii.split('.').every((label) => HOST_LABEL.test(label)) ? ascii : '';
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** True when `domain` is `allowed` or a subdomain of it, comparing whole labels after normalising both. */
export function domainAllowedBy(domain: string, allowed: string): boolean {
  const host = normalizeDomain(domain);
  const parent = normalizeDomain(allowed);
  if (host === '' || parent === '') return false;
  return host === parent || host.endsWith(`.${parent}`);
}

/** True when some entry of the allowlist allows the domain. An empty allowlist allows nothing (as the platform). */
export function domainAllowed(domain: string, allowlist: readonly string[]): boolean {
  return allowlist.some((allowed) => domainAllowedBy(domain, allowed));
}
