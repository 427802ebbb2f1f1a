// The one bearer helper of the SCIM routes: authenticate the token, rate-limit it, run the handler, and
// answer every failure in the RFC's error format. SCIM routes have no dashboard session: a session
// cookie gives nothing here, and a SCIM token gives nothing anywhere else.
import 'server-only';
import type { Actor } from '@/lib/audit/record.ts';
import { db, type Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import { logger } from '@/lib/log.ts';
import { findJsonProblem } from '@/lib/http/safe-json.ts';
import { invalidSyntax, invalidValue, ScimError, scimErrorResponse } from './errors.ts';
import { MAX_SCIM_BODY } from './limits.ts';
import { FAILED_AUTH_LIMIT, TokenBuckets } from './rate-limit.ts';
import { type RequestLimiter, sharedScimLimiter } from './shared-rate-limit.ts';
import { verifyScimToken, type ScimTokenInfo } from './tokens.ts';

/** `ifMatch`: the request's If-Match header (RFC 7644 §3.14), checked by the writes against the stored version. */
export type ScimContext = {
  db: Db;
  workspaceId: string;
  token: ScimTokenInfo;
  actor: Actor;
  baseUrl: string;
  ifMatch: string | null;
};

// Looked up per request (kept across dev reloads) so a test can swap them. `tollgateScimBuckets`: requests per
// valid token, counted in PostgreSQL so every instance spends one budget; `tollgateScimFailures`: failed
// authentications per client IP, in this process (N instances allow N times the guesses: still hopeless).
const globalForScim = globalThis as unknown as {
  tollgateScimBuckets?: RequestLimiter;
  tollgateScimFailures?: TokenBuckets;
};
const buckets = () => (globalForScim.tollgateScimBuckets ??= sharedScimLimiter());
const failures = () => (globalForScim.tollgateScimFailures ??= new TokenBuckets(FAILED_AUTH_LIMIT));

const unauthorized = (detail: string) =>
  new ScimError(401, detail, undefined, { 'www-authenticate': 'Bearer realm="tollgate-scim"' });
const tooMany = (wait: number, what: string) =>
  new ScimError(429, `Too many ${what}: retry in ${wait} s.`, undefined, { 'retry-after': String(wait) });

// The key of the failed-authentication limit: the last X-Forwarded-For entry, the one the nearest proxy
// appended (earlier entries are whatever the client wrote, so rotating them must not reset the limit).
const failureKey = (request: Request) => {
  const nearest = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return `ip:${nearest || request.headers.get('x-real-ip') || 'unknown'}`;
};

async function authenticate(request: Request): Promise<ScimContext> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('Authorization: Bearer <SCIM token> is required.');
  // Each presented token costs a query: a client that keeps presenting bad ones is refused before the next.
  const ipKey = failureKey(request);
  const blocked = failures().wait(ipKey, Date.now());
  if (blocked > 0) throw tooMany(blocked, 'failed authentications from this address');
  const token = await verifyScimToken(db(), match[1]!);
  if (!token) {
    failures().take(ipKey, Date.now());
    throw unauthorized('The bearer token is unknown or has been revoked.');
  }
  const wait = await buckets().take(token.id, Date.now());
  if (wait > 0) throw tooMany(wait, 'requests for this token');
  const actor: Actor = {
    id: null,
    label: `scim:${token.label}`,
    role: null,
    requestId: request.headers.get('x-request-id'),
    sourceIp: request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null,
  };
  return {
    db: db(),
    workspaceId: token.workspaceId,
    token,
    actor,
    baseUrl: scimBaseUrl(request.url),
    ifMatch: request.headers.get('if-match'),
  };
}

/** The SCIM base URL to paste in the IdP: Tollgate's public URL (AUTH_URL) + /scim/v2. */
export function scimBaseUrl(requestUrl?: string): string {
  const origin =
    process.env.AUTH_URL?.replace(/\/+$/, '') ?? (requestUrl ? new URL(requestUrl).origin : 'http://localhost:3000');
  return `${origin}/scim/v2`;
}

/** Every SCIM route handler runs through here, by way of scimRoutes (lib/scim/routes.ts). */
export async function withScimBearer(
  request: Request,
  handle: (scim: ScimContext) => Promise<Response>,
): Promise<Response> {
  try {
    return await handle(await authenticate(request));
  } catch (error) {
    return toScimResponse(error);
  }
}

/** The JSON body, at most 1 MB (413 beyond, before it is all read). */
export async function readScimJson(request: Request): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(request, MAX_SCIM_BODY);
  } catch (error) {
    if (error instanceof AppError && error.code === 'too_large')
      throw new ScimError(413, `The request body is larger than ${MAX_SCIM_BODY} bytes (1 MB).`);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidSyntax('The request body is not valid JSON.');
  }
  // Before anything merges or patches it: no __proto__/constructor/prototype key, no NUL, bounded depth.
  const problem = findJsonProblem(body);
  if (problem) throw invalidValue(problem.message);
  return body;
}

export function toScimResponse(error: unknown): Response {
  if (error instanceof ScimError) return scimErrorResponse(error);
  if (error instanceof AppError) return scimErrorResponse(new ScimError(error.status, error.message));
  // Two IdP requests racing past the uniqueness check: the database's unique index decides.
  if ((error as { code?: string })?.code === 'P2002')
    return scimErrorResponse(
      new ScimError(409, 'A resource with the same unique attribute already exists.', 'uniqueness'),
    );
  const errorId = crypto.randomUUID();
  logger.error({ err: error, errorId }, 'SCIM request failed');
  return scimErrorResponse(new ScimError(500, `Something went wrong (error id ${errorId}).`));
}
