// apiRoutes: the one way into /api/v1 (app/api/v1/[...path]/route.ts), like scimRoutes for SCIM. In order: find the
// operation (unknown paths are a problem+json 404), authenticate the bearer token, spend its rate limit, authorize
// through lib/auth/authorize.ts, check the workspace scope (another workspace is a 404, never a 403), read the
// request into the operation's schemas, honour Idempotency-Key, run the handler (the same services as the pages),
// answer JSON with an ETag, and audit the request. No session cookie is read here: a bearer token or nothing.
import 'server-only';
import { authorizeToken } from '@/lib/auth/authorize.ts';
import { db as database, type Db } from '@/lib/db.ts';
import { refuseWhenOverloaded } from '@/lib/http/admission-gate.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { uploadAnswer, type UploadAnswer } from '@/lib/http/upload-answer.ts';
import { logger } from '@/lib/log.ts';
import { TokenBuckets, FAILED_AUTH_LIMIT } from '@/lib/scim/rate-limit.ts';
import { auditRequest } from './audit.ts';
import { etagOf, matchesAny } from './etag.ts';
import { claim, finish, idempotencyKey, requestHash, type Stored } from './idempotency.ts';
import { openApiDocument } from './openapi.ts';
import type { ApiContext, ApiMethod, Operation } from './operation.ts';
import { OPERATIONS } from './operations/index.ts';
import { ApiProblem, problemResponse, toProblem } from './problem.ts';
import { rateLimitHeaders, takeRequest } from './rate-limit.ts';
import { fileSha256, parsePart, queryObject, readJsonBody, refuseBody, withRawBody } from './request.ts';
import { compile, match } from './router.ts';
import { verifyApiToken, type ApiTokenInfo } from './tokens.ts';

export const API_BASE = '/api/v1';
export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Route = (request: Request) => Promise<Response>;

const entries = new WeakSet<object>();
/** True for a handler apiRoutes made (test/authz.test.ts checks the route file exports exactly these). */
export function isApiEntry(fn: unknown): boolean {
  return typeof fn === 'function' && entries.has(fn);
}

const globalForApi = globalThis as unknown as { tollgateApiFailures?: TokenBuckets };
const failures = () => (globalForApi.tollgateApiFailures ??= new TokenBuckets(FAILED_AUTH_LIMIT));
const nearestIp = (request: Request) =>
  request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || request.headers.get('x-real-ip') || 'unknown';
const clientIp = (request: Request) =>
  request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || null;

async function authenticate(handle: Db, request: Request): Promise<ApiTokenInfo> {
  const header = request.headers.get('authorization');
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  const challenge = { 'www-authenticate': 'Bearer realm="tollgate-api"' };
  if (!bearer)
    throw new ApiProblem('token-missing', 'Authorization: Bearer <API token> is required.', { headers: challenge });
  const ipKey = `ip:${nearestIp(request)}`;
  const wait = failures().wait(ipKey, Date.now());
  if (wait > 0)
    throw new ApiProblem('rate-limited', `Too many failed authentications from this address: retry in ${wait} s.`, {
      headers: { 'retry-after': String(wait) },
    });
  const check = await verifyApiToken(handle, bearer);
  if (!check.ok) {
    failures().take(ipKey, Date.now());
    throw new ApiProblem(check.reason, check.detail, { headers: challenge });
  }
  return check.token;
}

async function resolveWorkspace(handle: Db, op: Operation, token: ApiTokenInfo, search: URLSearchParams) {
  if (op.workspace !== 'query') return null;
  const asked = search.get('ws');
  if (token.workspaceId) {
    if (asked !== null && asked !== token.workspaceId) throw new ApiProblem('not-found', 'No such workspace.');
    return token.workspaceId;
  }
  if (!asked)
    throw new ApiProblem('invalid-request', 'query.ws: required (this token reaches every workspace: name one).', {
      errors: [{ field: 'query.ws', message: 'required' }],
    });
  const found = await handle.workspace.findUnique({ where: { id: asked }, select: { id: true } });
  if (!found) throw new ApiProblem('not-found', 'No such workspace.');
  return found.id;
}

function jsonAnswer(request: Request, op: Operation, status: number, body: unknown, headers: Record<string, string>) {
  if (body === undefined) return new Response(null, { status, headers });
  const text = JSON.stringify(body);
  const out: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (op.method === 'GET' && status === 200) {
    const etag = etagOf(text);
    out.etag = etag;
    out['cache-control'] = 'private, no-cache';
    if (matchesAny(request.headers.get('if-none-match'), etag, true)) {
      delete out['content-type'];
      return new Response(null, { status: 304, headers: out });
    }
  }
  return new Response(text, { status, headers: out });
}

async function run(request: Request, handle: Db, requestId: string | null): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(API_BASE.length) || '/';
  if (path === '/openapi.json' && request.method === 'GET')
    return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
  const found = match(compiled(), request.method, path);
  if (found.kind === 'none') throw new ApiProblem('not-found', `No operation at ${API_BASE}${path}.`);
  // A known path with another method: 401 to a caller without a token, 405 (with Allow) to one with it.
  const token = await authenticate(handle, request);
  if (found.kind === 'method')
    throw new ApiProblem('method-not-allowed', `${request.method} is not an operation of ${API_BASE}${path}.`, {
      headers: { allow: found.allowed.join(', ') },
    });
  const { op } = found;
  const rate = await takeRequest(`token:${token.id}`);
  const rateHeaders = rateLimitHeaders(rate);
  if (!rate.allowed)
    throw new ApiProblem('rate-limited', `Rate limit of ${rate.limit} requests a minute reached for this token.`, {
      headers: rateHeaders,
    });
  let actor: ReturnType<typeof authorizeToken>;
  try {
    actor = authorizeToken(token, op.permission, { requestId, sourceIp: clientIp(request) });
  } catch (error) {
    if (error instanceof AppError) throw new ApiProblem('forbidden', error.message, { headers: rateHeaders });
    throw error;
  }
  let status = 500;
  let workspaceId: string | null = null;
  try {
    workspaceId = await resolveWorkspace(handle, op, token, url.searchParams);
    const response = await execute(request, handle, op, token, actor, workspaceId, found.params, url);
    status = response.status;
    for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
    return response;
  } catch (error) {
    status = error instanceof ApiProblem || error instanceof AppError ? error.status : 500;
    if (error instanceof ApiProblem) error.extra.headers = { ...error.extra.headers, ...rateHeaders };
    throw error;
  } finally {
    await auditRequest(handle, { actor, token, op, status, workspaceId, path: API_BASE + path }).catch((err) =>
      logger.error({ err }, 'API request audit failed'),
    );
  }
}

async function execute(
  request: Request,
  handle: Db,
  op: Operation,
  token: ApiTokenInfo,
  actor: ApiContext<unknown, unknown, unknown>['actor'],
  workspaceId: string | null,
  rawParams: Record<string, string>,
  url: URL,
): Promise<Response> {
  const params = parsePart(op.params, rawParams, 'path');
  const query = parsePart(op.query, queryObject(op, url.searchParams), 'query');
  const raw = op.body && 'raw' in op.body ? op.body : null;
  // An upload is spooled to a file for the handler (never held in memory) and identified by its SHA-256.
  if (raw)
    return withRawBody(request, raw, (upload) =>
      respond(request, handle, op, token, actor, workspaceId, url, { params, query, body: upload }, () =>
        fileSha256(upload.path),
      ),
    );
  let body: unknown;
  if (op.body) body = parsePart(op.body as never, await readJsonBody(request), 'body');
  else if (op.method !== 'GET') await refuseBody(request);
  return respond(request, handle, op, token, actor, workspaceId, url, { params, query, body }, async () =>
    JSON.stringify(body ?? null),
  );
}

async function respond(
  request: Request,
  handle: Db,
  op: Operation,
  token: ApiTokenInfo,
  actor: ApiContext<unknown, unknown, unknown>['actor'],
  workspaceId: string | null,
  url: URL,
  input: { params: unknown; query: unknown; body: unknown },
  bodyHash: () => Promise<string>,
): Promise<Response> {
  const { params, query, body } = input;
  const ifMatch = request.headers.get('if-match');
  const ctx: Parameters<Operation['handle']>[0] = {
    db: handle,
    actor,
    token,
    workspaceId: workspaceId ?? '',
    params: params as Record<string, unknown>,
    query: query as Record<string, unknown>,
    body,
    request,
    inScope: (ws) => token.workspaceId === null || token.workspaceId === ws,
    checkIfMatch: (current) => {
      if (ifMatch !== null && !matchesAny(ifMatch, etagOf(JSON.stringify(current)), false))
        throw new ApiProblem('precondition-failed', 'The record changed since you read it: read it again and retry.');
    },
  };
  const key = op.method === 'POST' ? idempotencyKey(request) : null;
  if (!key) return answer(request, op, await op.handle(ctx));
  const hash = requestHash([op.method, url.pathname, url.search, await bodyHash()]);
  const stored = await claim(handle, token.id, key, hash);
  if (stored) return replay(stored);
  let kept: Stored | null = null;
  try {
    const response = answer(request, op, await op.handle(ctx));
    kept = { status: response.status, body: await response.clone().text(), headers: keptHeaders(response) };
    return response;
  } catch (error) {
    if (error instanceof ApiProblem || error instanceof AppError) {
      const problem = error instanceof ApiProblem ? error : toProblem(error);
      const response = problemResponse(problem, null);
      kept = { status: response.status, body: await response.text(), headers: keptHeaders(response) };
    }
    throw error;
  } finally {
    await finish(handle, token.id, key, kept);
  }
}

function keptHeaders(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'location', 'etag']) {
    const value = response.headers.get(name);
    if (value) out[name] = value;
  }
  return out;
}

function replay(stored: Stored): Response {
  return new Response(stored.body, {
    status: stored.status,
    headers: { ...stored.headers, 'idempotent-replayed': 'true' },
  });
}

function answer(request: Request, op: Operation, result: Awaited<ReturnType<Operation['handle']>>): Response {
  if (result.response) return result.response;
  return jsonAnswer(request, op, result.status, result.body, result.headers ?? {});
}

let compiledCache: ReturnType<typeof compile> | null = null;
const compiled = () => (compiledCache ??= compile(OPERATIONS));

function errorAnswer(error: unknown, requestId: string | null): Response {
  if (error instanceof ApiProblem) return problemResponse(error, requestId);
  if (error instanceof AppError) return problemResponse(toProblem(error), requestId);
  const errorId = requestId ?? crypto.randomUUID();
  logger.error({ err: error, errorId }, 'API request failed');
  return problemResponse(new ApiProblem('internal', `Something went wrong (error id ${errorId}).`), requestId);
}

/** The upload operations' paths run outside the proxy (proxy.ts's matcher, docs/decisions/0019): their answers
 *  get here what the proxy gives every other one — its own request id, a CSP, HSTS over https. */
function outsideProxy(request: Request): UploadAnswer | null {
  const path = new URL(request.url).pathname.slice(API_BASE.length);
  const upload = compiled().some(({ op, pattern }) => op.body && 'raw' in op.body && pattern.test(path));
  return upload ? uploadAnswer(request) : null;
}

export function apiRoutes(): Record<(typeof API_METHODS)[number], Route> {
  const route: Route = async (request) => {
    const direct = outsideProxy(request);
    const requestId = direct ? direct.requestId : request.headers.get('x-request-id');
    // Outside the proxy, an upload refuses for itself when the instance is overloaded (decision 0035).
    const refused = direct ? refuseWhenOverloaded(request, direct.requestId) : null;
    if (refused) return direct!(refused);
    let response: Response;
    try {
      response = await run(request, database(), requestId);
    } catch (error) {
      response = errorAnswer(error, requestId);
    }
    return direct ? direct(response) : response;
  };
  entries.add(route);
  return Object.fromEntries(API_METHODS.map((m) => [m, route])) as Record<(typeof API_METHODS)[number], Route>;
}

export type { ApiMethod };
