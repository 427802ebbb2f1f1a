// SCIM PATCH (RFC 7644 §3.5.2) through scim-patch: the operations are applied to the resource as
// stored, and the result is validated exactly like a PUT, so PATCH can never store what PUT refuses.
import { patchBodyValidation, scimPatch, ScimError as PatchError, type ScimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { invalidSyntax, ScimError, type ScimType } from './errors.ts';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MAX_OPERATIONS = 1000;

/** Checks the PatchOp envelope and normalises op names (Entra sends "Add", "Replace", "Remove"). */
export function parsePatchBody(body: unknown): ScimPatchOperation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidSyntax('A PATCH body must be a JSON object.');
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA)) throw invalidSyntax(`"schemas" must list ${PATCH_SCHEMA}.`);
  if (!Array.isArray(Operations) || Operations.length === 0) throw invalidSyntax('"Operations" must be a non-empty array.');
  if (Operations.length > MAX_OPERATIONS) throw invalidSyntax(`At most ${MAX_OPERATIONS} operations per PATCH.`);
  const operations = Operations.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw invalidSyntax(`Operations[${i}] must be an object.`);
    const op = (raw as { op?: unknown }).op;
    if (typeof op !== 'string' || !['add', 'remove', 'replace'].includes(op.toLowerCase())) {
      throw invalidSyntax(`Operations[${i}].op must be add, remove or replace (got ${JSON.stringify(op)}).`);
    }
    const path = (raw as { path?: unknown }).path;
    if (path !== undefined && typeof path !== 'string') throw new ScimError(400, `Operations[${i}].path must be a string.`, 'invalidPath');
    return { ...(raw as object), op: op.toLowerCase() } as ScimPatchOperation;
  });
  try {
    patchBodyValidation({ schemas: [PATCH_SCHEMA], Operations: operations } as ScimPatch);
  } catch (error) {
    throw fromPatchError(error);
  }
  return operations;
}

/** The resource after the operations (a copy; the input is untouched). */
export function applyPatch(resource: Record<string, unknown>, operations: ScimPatchOperation[]): Record<string, unknown> {
  const document = { ...structuredClone(resource), meta: { created: new Date(0), lastModified: new Date(0) } } as unknown as ScimResource;
  try {
    const { meta: _meta, ...patched } = scimPatch(document, operations, { mutateDocument: false, treatMissingAsAdd: true }) as unknown as Record<string, unknown>;
    return patched;
  } catch (error) {
    throw fromPatchError(error);
  }
}

function fromPatchError(error: unknown): Error {
  if (!(error instanceof PatchError)) return error as Error;
  const message = error.message.replace(/^Invalid SCIM Patch: /, '');
  let scimType: ScimType = error.scimCode === 'noTarget' ? 'noTarget' : 'invalidSyntax';
  if (scimType === 'invalidSyntax' && /path/i.test(message)) scimType = 'invalidPath';
  return new ScimError(400, message, scimType);
}
