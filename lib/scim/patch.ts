// SCIM PATCH (RFC 7644 §3.5.2) through scim-patch: the operations are applied to the resource as
// stored, and the result is validated exactly like a PUT, so PATCH can never store what PUT refuses.
// Before scim-patch sees an operation, its path (and, without a path, each key of its value) must name an
// attribute the schema declares: scim-patch walks any path it is given, __proto__ included (issue 15, item 1).
import {
  patchBodyValidation,
  scimPatch,
  ScimError as PatchError,
  type ScimPatch,
  type ScimPatchOperation,
  type ScimResource,
} from 'scim-patch';
import { findJsonProblem, isForbiddenKey } from '@/lib/http/safe-json.ts';
import { invalidSyntax, invalidValue, ScimError, type ScimType } from './errors.ts';
import type { Attr, ResourceDef, SchemaDef } from './schema-defs.ts';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MAX_OPERATIONS = 1000;
// Attributes every resource has besides those its schema lists (RFC 7643 §3.1). `id` and `meta` are the
// server's, yet clients send them back (Okta renames a group with `replace` of `{ id, displayName }`): accepted,
// then ignored like any readOnly value. `schemas` is validated with the result, as for a PUT.
const COMMON: Attr[] = [
  { name: 'externalId', type: 'string' },
  { name: 'schemas', type: 'reference', multiValued: true },
  { name: 'id', type: 'string', mutability: 'readOnly' },
  { name: 'meta', type: 'complex', mutability: 'readOnly' },
];

const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byName = (attrs: Attr[], name: string) => attrs.find((a) => a.name.toLowerCase() === name.toLowerCase());
const extensionNamed = (def: ResourceDef, urn: string) =>
  def.extensions.find((e) => e.id.toLowerCase() === urn.toLowerCase());

/**
 * Checks an attribute path (`name.givenName`, `emails[type eq "work"].value`, `urn:…:User:manager`, the extension URN).
 */
export function checkPath(def: ResourceDef, path: string, where: string): void {
  // Every word of the path, the value filter included: scim-patch follows any of them as a property name.
  if (path.split(/[^A-Za-z0-9_$]+/).some(isForbiddenKey))
    throw invalidPath(`${where} "${path}" names a forbidden attribute.`);
  if (extensionNamed(def, path)) return;
  let schema: SchemaDef = def.schema;
  let rest = path;
  for (const s of [def.schema, ...def.extensions]) {
    if (path.toLowerCase().startsWith(`${s.id.toLowerCase()}:`)) {
      schema = s;
      rest = path.slice(s.id.length + 1);
    }
  }
  const match = /^([A-Za-z$][\w$-]*)(\[[^\]]*\])?(?:\.([A-Za-z$][\w$-]*))?$/.exec(rest);
  if (!match) throw invalidPath(`${where} "${path}" is not a valid attribute path.`);
  const [, name, filter, sub] = match;
  const attr = byName(schema === def.schema ? [...schema.attributes, ...COMMON] : schema.attributes, name!);
  if (!attr) throw invalidPath(`${where} "${path}": ${schema.name} has no attribute "${name}".`);
  if (filter && !attr.multiValued)
    throw invalidPath(`${where} "${path}": "${attr.name}" is not multi-valued, so it takes no [filter].`);
  if (sub && !byName(attr.subAttributes ?? [], sub))
    throw invalidPath(`${where} "${path}": "${attr.name}" has no sub-attribute "${sub}".`);
}

/** Checks the PatchOp envelope and normalises op names (Entra sends "Add", "Replace", "Remove"). */
export function parsePatchBody(body: unknown, def: ResourceDef): ScimPatchOperation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidSyntax('A PATCH body must be a JSON object.');
  // The route already guarded the body; a direct caller gets the same guard.
  const problem = findJsonProblem(body);
  if (problem) throw invalidValue(problem.message);
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))
    throw invalidSyntax(`"schemas" must list ${PATCH_SCHEMA}.`);
  if (!Array.isArray(Operations) || Operations.length === 0)
    throw invalidSyntax('"Operations" must be a non-empty array.');
  if (Operations.length > MAX_OPERATIONS) throw invalidSyntax(`At most ${MAX_OPERATIONS} operations per PATCH.`);
  const operations = Operations.map((raw: unknown, i) => {
    if (!isObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object.`);
    const { op, path, value } = raw;
    if (typeof op !== 'string' || !['add', 'remove', 'replace'].includes(op.toLowerCase())) {
      throw invalidSyntax(`Operations[${i}].op must be add, remove or replace (got ${JSON.stringify(op)}).`);
    }
    if (path !== undefined && typeof path !== 'string') throw invalidPath(`Operations[${i}].path must be a string.`);
    // RFC 7644 §3.5.2.1 and §3.5.2.3: add and replace carry a value, an object of attributes when there is no path
    // (scim-patch answers nothing, or throws a TypeError, without one).
    if (op.toLowerCase() !== 'remove') {
      if (value === undefined || (value === null && op.toLowerCase() === 'add'))
        throw invalidValue(`Operations[${i}] (${op}) needs a "value".`);
      if (path === undefined && !isObject(value))
        throw invalidValue(
          `Operations[${i}] (${op}) without a "path" needs a "value" that is an object of attributes.`,
        );
    }
    if (path !== undefined) checkPath(def, path, `Operations[${i}].path`);
    // Without a path, each key of the value is a path of its own (RFC 7644 §3.5.2.1).
    else if (isObject(value)) for (const key of Object.keys(value)) checkPath(def, key, `Operations[${i}].value key`);
    return {
      op: op.toLowerCase(),
      ...(path !== undefined ? { path } : {}),
      ...('value' in raw ? { value } : {}),
    } as ScimPatchOperation;
  });
  try {
    patchBodyValidation({ schemas: [PATCH_SCHEMA], Operations: operations } as ScimPatch);
  } catch (error) {
    throw fromPatchError(error);
  }
  return operations;
}

/** The resource after the operations (a copy; the input is untouched). */
export function applyPatch(
  resource: Record<string, unknown>,
  operations: ScimPatchOperation[],
  def: ResourceDef,
): Record<string, unknown> {
  let document = structuredClone(resource);
  for (const operation of operations) {
    const extension = operation.op === 'remove' && operation.path ? extensionNamed(def, operation.path) : undefined;
    if (extension) document = withoutExtension(document, extension.id);
    else for (const op of expandExtensions(operation, def)) document = applyOne(document, op);
  }
  return document;
}

function applyOne(resource: Record<string, unknown>, operation: ScimPatchOperation): Record<string, unknown> {
  const document = {
    ...resource,
    meta: { created: new Date(0), lastModified: new Date(0) },
  } as unknown as ScimResource;
  try {
    const result = scimPatch(document, [operation], { mutateDocument: false, treatMissingAsAdd: true }) as unknown;
    if (!isObject(result))
      throw invalidValue(`The operation ${JSON.stringify(operation).slice(0, 200)} leaves no resource.`);
    const { meta: _meta, ...patched } = result;
    return patched;
  } catch (error) {
    if (error instanceof ScimError) throw error;
    // Whatever scim-patch trips over is in the operation the client sent: a 400 naming it, not a 500.
    if (!(error instanceof PatchError))
      throw invalidValue(
        `The operation ${JSON.stringify(operation).slice(0, 200)} cannot be applied to this resource.`,
      );
    throw fromPatchError(error);
  }
}

// scim-patch reads "urn:…:2.0:User" as a dotted path: a value keyed by an extension URN (add or replace
// without a path, RFC 7644 §3.5.2.1 and §3.5.2.3) becomes one operation per sub-attribute, with its URN path.
function expandExtensions(operation: ScimPatchOperation, def: ResourceDef): ScimPatchOperation[] {
  if (operation.op === 'remove' || operation.path || !isObject(operation.value)) return [operation];
  const rest: Record<string, unknown> = {};
  const expanded: ScimPatchOperation[] = [];
  for (const [key, value] of Object.entries(operation.value)) {
    const extension = extensionNamed(def, key);
    if (!extension) rest[key] = value;
    else if (!isObject(value)) throw invalidValue(`Extension "${extension.id}" must be an object.`);
    else
      for (const [name, sub] of Object.entries(value))
        expanded.push({ op: operation.op, path: `${extension.id}:${name}`, value: sub } as ScimPatchOperation);
  }
  return [...(Object.keys(rest).length > 0 ? [{ ...operation, value: rest } as ScimPatchOperation] : []), ...expanded];
}

// Removing the extension (path = its URN) removes all its attributes, and its URN from "schemas".
function withoutExtension(resource: Record<string, unknown>, urn: string): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(resource).filter(([key]) => key.toLowerCase() !== urn.toLowerCase()));
  if (Array.isArray(out.schemas))
    out.schemas = out.schemas.filter((s) => typeof s !== 'string' || s.toLowerCase() !== urn.toLowerCase());
  return out;
}

function fromPatchError(error: unknown): Error {
  if (!(error instanceof PatchError)) return error as Error;
  const message = error.message.replace(/^Invalid SCIM Patch: /, '');
  let scimType: ScimType = error.scimCode === 'noTarget' ? 'noTarget' : 'invalidSyntax';
  if (scimType === 'invalidSyntax' && /path/i.test(message)) scimType = 'invalidPath';
  return new ScimError(400, message, scimType);
}
