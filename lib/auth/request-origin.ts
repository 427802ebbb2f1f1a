// The origin this request was addressed to, as the browser sees it (behind a proxy: X-Forwarded-Host/-Proto).
import 'server-only';
import { headers } from 'next/headers';

export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host') || 'localhost';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  try {
    return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
  } catch {
    // A Host header that is not a host: judge redirects against a name that matches nothing real.
    return 'http://invalid.invalid';
  }
}
