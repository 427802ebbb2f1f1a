// SCIM errors (RFC 7644 §3.12): every failure, 401 included, answers in the RFC's JSON shape with
// application/scim+json, so an IdP's provisioning log shows the reason instead of an HTML page.
export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const notFound = (what: string) => new ScimError(404, `${what} not found.`);
export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');

/** A method the endpoint does not offer: 405 with Allow (RFC 7231 §6.5.5), in SCIM's error format. */
export const methodNotAllowed = (request: Request, allowed: string[]) =>
  new ScimError(
    405,
    `${request.method} is not supported on ${new URL(request.url).pathname}; use ${allowed.join(', ')}.`,
    undefined,
    { allow: allowed.join(', ') },
  );

/** A path under /scim/v2 that names no endpoint; POST /.search across resource types is not implemented (501). */
export function unknownEndpoint(request: Request): ScimError {
  const path = new URL(request.url).pathname;
  if (/\/\.search$/.test(path))
    return new ScimError(
      501,
      'Searching across resource types is not supported: POST /Users/.search or /Groups/.search instead.',
    );
  return new ScimError(
    404,
    `There is no SCIM endpoint at ${path}: the endpoints are /Users, ` +
      `/Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas.`,
  );
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function scimErrorResponse(error: ScimError): Response {
  return scimJson(scimErrorBody(error.status, error.message, error.scimType), error.status, error.headers);
}

/** A single resource, with its ETag (meta.version) and, when created, its Location. */
export function scimResource(resource: { meta?: unknown }, status = 200): Response {
  const meta = resource.meta as { version?: string; location?: string } | undefined;
  return scimJson(resource, status, {
    ...(meta?.version ? { etag: meta.version } : {}),
    ...(status === 201 && meta?.location ? { location: meta.location } : {}),
  });
}
