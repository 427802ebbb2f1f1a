// Which destinations a webhook may reach. Checked when a subscription is saved (scheme) and again at send time on
// every address the host resolves to (so a name that later points inside the network is still refused).
import { BlockList, isIP } from 'node:net';

/** Private, loopback, link-local, unique-local, CGNAT, multicast, unspecified and reserved ranges. BlockList also
 *  matches IPv4-mapped IPv6 forms (::ffff:127.0.0.1) against the IPv4 rules. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address: refuse rather than guess
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The install setting for on-premises receivers: private and loopback destinations allowed. */
export function privateDestinationsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE === '1';
}

/** A destination URL as a subscription stores it: https, or http to loopback when private ones are allowed. */
export function parseDestination(value: string, allowPrivate: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The webhook URL is not a URL.';
  }
  if (url.username || url.password) return 'The webhook URL must not carry a user name or password.';
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowPrivate && LOOPBACK_NAMES.has(url.hostname)) return url;
  return 'The webhook URL must be https.';
}
