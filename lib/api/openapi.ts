// The OpenAPI 3.1 document, generated from the operations' own zod schemas (zod-openapi): the schemas that validate
// requests and shape answers are the ones documented, so the document cannot drift from the code.
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { z } from 'zod';
import pkg from '@/package.json' with { type: 'json' };
import type { Operation } from './operation.ts';
import { OPERATIONS } from './operations/index.ts';
import { PROBLEMS, ProblemSchema, type ProblemType } from './problem.ts';

const wsParam = z
  .string()
  .optional()
  .meta({ description: 'Workspace id. Optional for a token of one workspace (another answers 404); required else.' });

function problem(types: ProblemType[]) {
  return {
    description: types.map((t) => `${t}: ${PROBLEMS[t].title}`).join('; '),
    content: { 'application/problem+json': { schema: ProblemSchema } },
  };
}

/** The error answers every operation may give, by status; the contract test holds answers to this list. */
export function errorStatuses(op: Operation): Record<number, ProblemType[]> {
  const out: Record<number, ProblemType[]> = {
    400: ['invalid-request', 'unknown-parameter', 'invalid-cursor'],
    401: ['token-missing', 'token-invalid', 'token-expired', 'token-revoked', 'token-owner-inactive'],
    403: ['forbidden'],
    404: ['not-found'],
    429: ['rate-limited'],
    // Any operation, before it runs, when the instance is overloaded (decision 0035).
    503: ['overloaded'],
  };
  if (op.method !== 'GET') {
    out[409] = ['conflict', 'idempotency-in-progress'];
    out[422] = ['unprocessable', 'idempotency-key-reused'];
  }
  if (op.body) {
    out[413] = ['payload-too-large'];
    out[415] = ['unsupported-media-type'];
  }
  if (op.versioned) out[412] = ['precondition-failed'];
  return out;
}

// Every answer after authentication carries the token's budget (draft-ietf-httpapi-ratelimit-headers).
const RATE_LIMIT_HEADERS = [
  [
    'RateLimit-Policy',
    { description: 'The per-token policy: "per-token";q=<requests>;w=<seconds>.', schema: { type: 'string' } },
  ],
  [
    'RateLimit',
    { description: 'What is left: "per-token";r=<remaining>;t=<seconds to reset>.', schema: { type: 'string' } },
  ],
] as const;

// The proxy's answer when the instance is overloaded, before the operation runs (decision 0035).
const RETRY_AFTER = { description: 'Seconds to wait before asking again (1–3).', schema: { type: 'string' } } as const;

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const query = op.workspace === 'query' ? (op.query ?? z.object({})).extend({ ws: wsParam }) : op.query;
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const declared = Object.entries(spec.headers ?? {}).map(([name, description]) => [
      name,
      { description, schema: { type: 'string' } },
    ]);
    const headers = Number(status) < 300 ? [...declared, ...RATE_LIMIT_HEADERS] : declared;
    responses[status] = {
      description: spec.description,
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      // A schema with a content type: e.g. a download's 409 answered as application/problem+json.
      ...(spec.schema || spec.contentType
        ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema ?? z.string() } } }
        : {}),
    };
  }
  if (op.method === 'GET' && op.responses[200]?.schema)
    responses['304'] = { description: 'Not modified (If-None-Match).' };
  for (const [status, types] of Object.entries(errorStatuses(op))) responses[status] ??= problem(types);
  responses['503'] = { ...responses['503']!, headers: { 'Retry-After': RETRY_AFTER } };
  const body = op.body;
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    'x-tollgate-permission': op.permission,
    requestParams: { ...(op.params ? { path: op.params } : {}), ...(query ? { query } : {}) },
    ...(body
      ? {
          requestBody: {
            required: true,
            content:
              'raw' in body
                ? Object.fromEntries(body.raw.map((type) => [type, { schema: z.string(), example: op.example }]))
                : { 'application/json': { schema: body as z.ZodType, example: op.example } },
          },
        }
      : {}),
    responses,
  };
}

let cached: ReturnType<typeof createDocument> | null = null;

export function openApiDocument(operations: readonly Operation[] = OPERATIONS) {
  if (cached && operations === OPERATIONS) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, ZodOpenApiOperationObject>)[op.method.toLowerCase()] = operationObject(op);
  }
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tollgate API',
      version: `1.0.0+tollgate.${pkg.version}`,
      description:
        'Governance of ChatGPT Enterprise workspace agents and custom GPTs. Bearer tokens from Settings → API ' +
        'tokens. Lists answer {data, next_cursor}; errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'tg_api_…' } } },
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
  });
  if (operations === OPERATIONS) cached = document;
  return document;
}
