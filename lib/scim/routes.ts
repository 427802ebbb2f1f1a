// scimRoutes: the one way to write a SCIM route file. One call declares the methods a path offers; every one of
// the five methods is exported, and each goes through withScimBearer (token, rate limit, SCIM error bodies), so
// a method the path does not offer still answers 401 to a caller without a token and 405 (with Allow) to one
// with it. test/authz.test.ts reads `export const { GET, POST, PUT, PATCH, DELETE } = scimRoutes(…)` and checks
// with isScimEntry that what the module exports really came from here.
import 'server-only';
import { methodNotAllowed, type ScimError } from './errors.ts';
import { type ScimContext, withScimBearer } from './http.ts';

export const SCIM_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ScimMethod = (typeof SCIM_METHODS)[number];

/** What a method does once the caller is authenticated; `params` are the path's segments, as Next gives them. */
export type ScimHandler<P> = (scim: ScimContext, request: Request, params: P) => Promise<Response>;
export type ScimRoute<P> = (request: Request, context?: { params: Promise<P> }) => Promise<Response>;

/** `refuse`: the error for a method the path does not offer (default: 405 naming the ones it does). */
type Options = { refuse?: (request: Request) => ScimError };

const entries = new WeakSet<object>();

/** True for a handler scimRoutes made: an alias or a hand-written handler is not one. */
export function isScimEntry(fn: unknown): boolean {
  return typeof fn === 'function' && entries.has(fn);
}

export function scimRoutes<P extends object = object>(
  handlers: Partial<Record<ScimMethod, ScimHandler<P>>>,
  options: Options = {},
): Record<ScimMethod, ScimRoute<P>> {
  const offered = SCIM_METHODS.filter((m) => handlers[m]);
  const refuse = options.refuse ?? ((request: Request) => methodNotAllowed(request, offered));
  const route = (method: ScimMethod): ScimRoute<P> => {
    const handle = handlers[method];
    const fn: ScimRoute<P> = (request, context) =>
      withScimBearer(request, async (scim) => {
        if (!handle) throw refuse(request);
        return handle(scim, request, ((await context?.params) ?? {}) as P);
      });
    entries.add(fn);
    return fn;
  };
  return Object.fromEntries(SCIM_METHODS.map((m) => [m, route(m)])) as Record<ScimMethod, ScimRoute<P>>;
}
