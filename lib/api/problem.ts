// RFC 9457 problem details: every error of /api/v1 (unknown paths included) answers application/problem+json with
// a stable `type` per kind of error, so a client branches on the type, never on the wording of `detail`.
import { z } from 'zod';
import type { AppError, AppErrorCode } from '@/lib/http/app-error.ts';

export const PROBLEM_BASE = 'https://tollgate.dev/problems/';

/** Every problem type the API answers, with its status and title: the OpenAPI document lists them. */
export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is malformed' },
  'unknown-parameter': { status: 400, title: 'The request has a parameter this operation does not take' },
  'invalid-cursor': { status: 400, title: 'The cursor is not one this API gave' },
  'token-missing': { status: 401, title: 'No bearer token' },
  'token-invalid': { status: 401, title: 'The bearer token is not valid' },
  'token-expired': { status: 401, title: 'The bearer token has expired' },
  'token-revoked': { status: 401, title: 'The bearer token was revoked' },
  'token-owner-inactive': { status: 401, title: "The bearer token's owner is no longer active" },
  forbidden: { status: 403, title: "The token's role does not allow this" },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'idempotency-in-progress': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'precondition-failed': { status: 412, title: 'The record changed since the ETag given in If-Match' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for another request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  // Answered by the proxy before any handler runs (decision 0035), with Retry-After in seconds.
  overloaded: { status: 503, title: 'The instance is overloaded; retry after the Retry-After delay' },
} as const;
export type ProblemType = keyof typeof PROBLEMS;

export type FieldError = { field: string; message: string };

export class ApiProblem extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
  get status(): number {
    return PROBLEMS[this.type].status;
  }
}

const FROM_APP_ERROR: Record<AppErrorCode, ProblemType> = {
  bad_request: 'invalid-request',
  unauthenticated: 'token-invalid',
  forbidden: 'forbidden',
  not_found: 'not-found',
  conflict: 'conflict',
  too_large: 'payload-too-large',
  unprocessable: 'unprocessable',
};

/** The services' AppError in the API's terms (same status, a stable type, the service's own words). */
export function toProblem(error: AppError): ApiProblem {
  return new ApiProblem(FROM_APP_ERROR[error.code], error.message);
}

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: `${PROBLEM_BASE}<kind>: one per kind of error, stable.` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().meta({ description: 'The request id, to quote to an administrator.' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'For 400: each field in error (query.limit, body.reason, path.agent_id …).' }),
  })
  .meta({ id: 'Problem' });

export function problemResponse(problem: ApiProblem, requestId: string | null): Response {
  const body = {
    type: PROBLEM_BASE + problem.type,
    title: PROBLEMS[problem.type].title,
    status: problem.status,
    detail: problem.detail,
    ...(requestId ? { instance: `urn:tollgate:request:${requestId}` } : {}),
    ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.extra.headers },
  });
}
