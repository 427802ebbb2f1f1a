// Upload routes run outside the proxy (proxy.ts `config.matcher`: with it, Next would buffer their bodies and
// cut them at 10 MB), so their answers get here what the proxy gives every other answer: a request id, a
// Content-Security-Policy and HSTS over https. The static headers (nosniff, frame denial…) come from next.config.ts.
import 'server-only';
import { AppError } from './app-error.ts';

// An upload route answers JSON only: nothing in it may load, run or be framed.
export const UPLOAD_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export type UploadAnswer = ((response: Response) => Response) & { requestId: string };

/** Call first in an upload route; pass every response through it. */
export function uploadAnswer(request: Request): UploadAnswer {
  const requestId = crypto.randomUUID();
  const https = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const answer = (response: Response) => {
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', UPLOAD_CSP);
    headers.set('X-Request-Id', requestId);
    if (https) headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
  return Object.assign(answer, { requestId });
}

/** The file's name from X-Filename (URI-encoded by the browser), or `fallback`; a malformed one is a 400, not a 500. */
export function uploadFilename(request: Request, fallback: string): string {
  try {
    return decodeURIComponent(request.headers.get('x-filename') ?? '') || fallback;
  } catch {
    throw new AppError('bad_request', 'X-Filename is not valid.');
  }
}
