// Runs before every route: admission (503 when overloaded), a fresh CSP nonce per request, HSTS over https, a
// request id, and a cheap redirect to sign-in when there is no session cookie (the real check is in each page/action).
import { NextResponse, type NextRequest } from 'next/server';
import { admitRequest, isExempt, retryAfterSeconds } from './lib/http/admission-gate.ts';
import { buildCsp } from './lib/http/csp.ts';
import { overloadAnswer } from './lib/http/overload-answer.ts';
import { isDecodablePath, refusesCrossSiteAction, STATIC_HEADERS } from './lib/http/proxy-checks.ts';

// /scim/ answers its own bearer tokens (401 in SCIM format), never a redirect to sign-in.
const PUBLIC_PREFIXES = ['/sign-in', '/api/', '/scim/', '/_next/', '/favicon'];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const requestId = crypto.randomUUID();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const csp = buildCsp(nonce, process.env.NODE_ENV !== 'production');
  const path = request.nextUrl.pathname;

  let response: NextResponse;
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // Overloaded: 503 before anything renders, so no page starts streaming and fails half-way (decision 0035).
  if (!isExempt(path) && !admitRequest(request.headers)) {
    const answer = overloadAnswer(path, retryAfterSeconds(), requestId);
    response = new NextResponse(answer.body, { status: answer.status, headers: answer.headers });
    for (const [key, value] of STATIC_HEADERS) response.headers.set(key, value);
  } else if (!isDecodablePath(path)) {
    response = refusal(400, 'Bad request: the address is not valid URL encoding.');
  } else if (refusesCrossSiteAction(request.method, path, request.headers)) {
    response = refusal(403, 'Cross-site request refused.');
  } else if (!signedIn && !PUBLIC_PREFIXES.some((p) => path.startsWith(p))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = path === '/' ? '' : `?callbackUrl=${encodeURIComponent(path + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set('x-nonce', nonce);
    headers.set('x-request-id', requestId);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Request-Id', requestId);
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

/** A plain-text refusal carrying the static headers too (next.config.ts's may not reach a proxy's own answer). */
function refusal(status: number, message: string): NextResponse {
  const response = new NextResponse(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
  for (const [key, value] of STATIC_HEADERS) response.headers.set(key, value);
  return response;
}

// Not for upload routes: for a route the proxy runs on, Next buffers the body and silently cuts it at 10 MB
// (docs/decisions/0019-upload-bodies.md). They stream their own bodies, enforce their own limits and set these
// headers themselves (lib/http/upload-answer.ts). Next reads this literal at build time: keep it a literal.
export const config = {
  matcher: [
    {
      source:
        // line-length: Next reads the matcher at build time and takes only a string literal, not an expression.
        '/((?!_next/static|_next/image|favicon.ico|(?:api/(?:agents/imports|roster/imports|logs/files|gpts/files|attestations|checklist/signoffs|exceptions/[A-Za-z0-9_-]+/attachments|campaigns/items/[A-Za-z0-9_-]+/answers|v1/agent-imports))/?$).*)',
    },
  ],
};
