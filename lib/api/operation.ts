// One API operation, declared once: its path, permission, request and response schemas, and its handler. The
// router, the request validation, the OpenAPI document and the route × role × scope test all read this one list.
import type { z } from 'zod';
import type { Actor } from '@/lib/audit/record.ts';
import type { Permission } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db.ts';
import type { ApiTokenInfo } from './tokens.ts';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export type ApiResponseSpec = {
  description: string;
  /** JSON body (application/json); omit for an empty answer (204) or a non-JSON download (`contentType`). */
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
};

export type ApiContext<P, Q, B> = {
  db: Db;
  /** The token as an audit actor: its owner's user id, labelled with the token (docs/decisions/0028). */
  actor: Actor;
  token: ApiTokenInfo;
  /** `workspace: 'query'` operations: the workspace asked for (`ws`), or the token's own; checked to exist. */
  workspaceId: string;
  params: P;
  query: Q;
  body: B;
  /** The request itself (a raw upload's body is already read: see RawUpload). */
  request: Request;
  /** True when the token may see `workspaceId`: records found by id check it and answer 404 otherwise. */
  inScope: (workspaceId: string) => boolean;
  /** Throws 412 when If-Match was sent and does not match the ETag of `current` (the record as GET shows it). */
  checkIfMatch: (current: unknown) => void;
};

/** A raw upload's body: streamed to a temporary file within the operation's byte limit, removed after the handler. */
export type RawUpload = { path: string; size: number };

export type ApiResult = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (a download), returned as is. */
  response?: Response;
};

export type Operation<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject> = {
  id: string;
  method: ApiMethod;
  /** OpenAPI path under /api/v1, e.g. `/agents/{agent_id}/suspend`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  permission: Permission;
  /** 'query': the operation reads or writes one workspace, named by `ws` (a workspace token may omit it). */
  workspace: 'query' | 'none';
  params?: P;
  query?: Q;
  /** A JSON body schema, or 'raw' with its content types and byte limit (uploads). */
  body?: z.ZodType | { raw: string[]; maxBytes: number };
  responses: Record<number, ApiResponseSpec>;
  /** A request body that works on the demo workspace: shown in the document, and sent by the contract test. */
  example?: unknown;
  /** Updates of a versioned record: If-Match honoured (412 on a lost update). */
  versioned?: boolean;
  handle: (ctx: ApiContext<z.output<P>, z.output<Q>, unknown>) => Promise<ApiResult>;
};

/** Keeps the schema types flowing into the handler's parameters. */
export function defineOperation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType | undefined = undefined>(
  op: Omit<Operation<P, Q>, 'handle' | 'body'> & {
    body?: B | { raw: string[]; maxBytes: number };
    handle: (
      ctx: ApiContext<z.output<P>, z.output<Q>, [B] extends [z.ZodType] ? z.output<B> : RawUpload>,
    ) => Promise<ApiResult>;
  },
): Operation {
  return op as unknown as Operation;
}
