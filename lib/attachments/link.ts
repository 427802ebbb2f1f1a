// A link offered as evidence (on an exception request, a sign-off, an attestation). Pure.
import { AppError } from '@/lib/http/app-error.ts';

/** https only, no credentials in it; returns the link as the URL parser writes it. */
export function assertHttpsLink(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('unprocessable', `"${text.slice(0, 80)}" is not a link.`);
  }
  if (url.protocol !== 'https:') {
    throw new AppError('unprocessable', `Links must use https: ${url.protocol.replace(':', '')} links are refused.`);
  }
  if (url.username || url.password) {
    throw new AppError('unprocessable', 'Links must not carry a user name or password.');
  }
  return url.toString();
}
