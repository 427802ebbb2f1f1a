// Reading an API request into the operation's schemas: path, query (unknown parameters refused, not ignored) and
// JSON body (1 MB, no __proto__/constructor/prototype, bounded depth). Every failure is a 400 naming the field.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { declaredLength, readBody, tooLarge } from '@/lib/http/route.ts';
import { withUploadedFile } from '@/lib/logs/upload-temp.ts';
import { findJsonProblem, formatJsonPath } from '@/lib/http/safe-json.ts';
import type { Operation, RawUpload } from './operation.ts';
import { ApiProblem, type FieldError } from './problem.ts';

export const MAX_JSON_BODY = 1024 * 1024;

function fieldErrors(where: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return {} as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(where, parsed.error);
  throw new ApiProblem('invalid-request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** The query as an object for the schema; a parameter the operation does not take, or given twice, is a 400. */
export function queryObject(op: Operation, search: URLSearchParams): Record<string, string> {
  const known = new Set([...Object.keys(op.query?.shape ?? {}), ...(op.workspace === 'query' ? ['ws'] : [])]);
  const out: Record<string, string> = Object.create(null);
  const unknown: string[] = [];
  for (const [name, value] of search) {
    if (!known.has(name)) unknown.push(name);
    else if (name in out)
      throw new ApiProblem('invalid-request', `query.${name}: given more than once.`, {
        errors: [{ field: `query.${name}`, message: 'given more than once' }],
      });
    else out[name] = value;
  }
  if (unknown.length)
    throw new ApiProblem('unknown-parameter', `Unknown query parameter(s): ${unknown.join(', ')}.`, {
      errors: unknown.map((name) => ({ field: `query.${name}`, message: 'not a parameter of this operation' })),
    });
  const { ws: _ws, ...rest } = out;
  return rest;
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiProblem('unsupported-media-type', 'Send the body as application/json.');
  let raw: Buffer;
  try {
    raw = await readBody(request, MAX_JSON_BODY);
  } catch (error) {
    if (error instanceof AppError && error.code === 'too_large')
      throw new ApiProblem('payload-too-large', `The body is larger than ${MAX_JSON_BODY} bytes (1 MB).`);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiProblem('invalid-request', 'The body is not valid JSON.', {
      errors: [{ field: 'body', message: 'not valid JSON' }],
    });
  }
  const problem = findJsonProblem(body);
  if (problem)
    throw new ApiProblem('invalid-request', `body.${formatJsonPath(problem.path)}: ${problem.reason}.`, {
      errors: [{ field: ['body', formatJsonPath(problem.path)].filter(Boolean).join('.'), message: problem.reason }],
    });
  return body;
}

/** A raw upload (`body: {raw, maxBytes}`): one of its content types, streamed to a file of its own within its byte
 *  limit (413 from Content-Length before reading, or as soon as the count passes it; a body cut short is a 400; an
 *  empty one a 422), which `use` reads and which is removed after it, whatever happens. Never held in memory. */
export async function withRawBody<T>(
  request: Request,
  spec: { raw: string[]; maxBytes: number },
  use: (upload: RawUpload) => Promise<T>,
): Promise<T> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!spec.raw.includes(type))
    throw new ApiProblem('unsupported-media-type', `Send the body as ${spec.raw.join(' or ')}.`);
  const declared = declaredLength(request);
  if (declared !== null && declared > spec.maxBytes) throw tooLarge(spec.maxBytes);
  if (!request.body || declared === 0) throw new AppError('unprocessable', 'The file is empty.');
  return withUploadedFile(request.body, declared, spec.maxBytes, async (path) =>
    use({ path, size: (await stat(path)).size }),
  );
}

/** The SHA-256 of an uploaded file, read in pieces (Idempotency-Key compares uploads by it). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

/** An operation without a body refuses one: a field sent where none is read would be silently ignored. */
export async function refuseBody(request: Request): Promise<void> {
  const raw = await readBody(request, MAX_JSON_BODY).catch(() => Buffer.alloc(1));
  if (raw.length > 0)
    throw new ApiProblem('invalid-request', 'This operation takes no request body.', {
      errors: [{ field: 'body', message: 'not expected' }],
    });
}
