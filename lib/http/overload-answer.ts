// The 503 an overloaded instance answers before anything renders (decision 0035): in the caller's own format —
// problem+json for the API, SCIM's error for SCIM, a small static page for a browser — always with Retry-After.
import { PROBLEM_BASE, PROBLEMS } from '@/lib/api/problem.ts';
import { ERROR_SCHEMA, SCIM_CONTENT_TYPE } from '@/lib/scim/errors.ts';

export function overloadAnswer(pathname: string, retryAfter: number, requestId: string): Response {
  const detail = `Tollgate is busy; retry in ${retryAfter} s.`;
  const headers = { 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' };
  if (pathname.startsWith('/api/')) {
    const problem = PROBLEMS.overloaded;
    const body = {
      type: `${PROBLEM_BASE}overloaded`,
      title: problem.title,
      status: problem.status,
      detail,
      instance: `urn:tollgate:request:${requestId}`,
    };
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...headers, 'Content-Type': 'application/problem+json' },
    });
  }
  if (pathname.startsWith('/scim/')) {
    const body = { schemas: [ERROR_SCHEMA], status: '503', detail };
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...headers, 'Content-Type': SCIM_CONTENT_TYPE },
    });
  }
  return new Response(busyPage(retryAfter), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}

/** No script, nothing to load: the browser itself asks again after the delay. */
function busyPage(retryAfter: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${retryAfter}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tollgate is busy</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem">
<h1>Tollgate is busy</h1>
<p>Too many requests are being answered right now. This page will retry in ${retryAfter} s.</p>
</body></html>
`;
}
