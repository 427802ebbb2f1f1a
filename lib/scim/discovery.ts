// Discovery endpoints (RFC 7644 §4, RFC 7643 §5–7): what Tollgate's SCIM server supports, generated
// from the same definitions that validate requests.
import { MAX_SCIM_BODY } from './limits.ts';
import { FAILED_AUTH_LIMIT, SCIM_RATE_LIMIT } from './rate-limit.ts';
import { RESOURCES, type Attr, type SchemaDef } from './schema-defs.ts';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const MAX_RESULTS = 200;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    // docs/scim.md, served publicly: what userName must be, which filters, PATCH paths and limits apply.
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, '')}/scim/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description:
          `A per-workspace SCIM token from Tollgate's Settings (or \`tollgate ` +
          `scim-token create\`). Requests up to ${MAX_SCIM_BODY} bytes; ` +
          `${SCIM_RATE_LIMIT.perSecond * 60} per minute per token, bursts of ` +
          `${SCIM_RATE_LIMIT.capacity}; ${FAILED_AUTH_LIMIT.capacity} failed ` +
          `authentications per client address, then ` +
          `${Math.round(FAILED_AUTH_LIMIT.perSecond * 60)} a minute.`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceType(name: string, baseUrl: string) {
  const def = RESOURCES.find((r) => r.name === name);
  if (!def) return null;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: def.name,
    name: def.name,
    endpoint: def.endpoint,
    description: def.schema.description,
    schema: def.schema.id,
    schemaExtensions: def.extensions.map((e) => ({ schema: e.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${def.name}` },
  };
}

const withDefaults = (a: Attr): Record<string, unknown> => ({
  name: a.name,
  type: a.type,
  multiValued: a.multiValued ?? false,
  description: a.description ?? '',
  required: a.required ?? false,
  ...(a.type === 'string' ? { caseExact: a.caseExact ?? false } : {}),
  mutability: a.mutability ?? 'readWrite',
  returned: a.returned ?? 'default',
  uniqueness: a.uniqueness ?? 'none',
  ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(withDefaults) } : {}),
});

export function schemaResource(id: string, baseUrl: string) {
  const all: SchemaDef[] = RESOURCES.flatMap((r) => [r.schema, ...r.extensions]);
  const def = all.find((s) => s.id === id);
  if (!def) return null;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: def.id,
    name: def.name,
    description: def.description,
    attributes: def.attributes.map(withDefaults),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${def.id}` },
  };
}

export const allSchemaIds = () => RESOURCES.flatMap((r) => [r.schema.id, ...r.extensions.map((e) => e.id)]);

export function listOf(resources: unknown[]) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
