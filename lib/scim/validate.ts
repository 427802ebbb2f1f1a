// Checks a resource an IdP sends against its schema definition and returns it with canonical attribute
// names (SCIM names are case-insensitive). Unknown attributes and wrong types are refused with the path
// of the offending attribute; readOnly ones (id, meta, groups) are ignored as RFC 7643 §2.2 asks.
import { invalidValue } from './errors.ts';
import type { Attr, ResourceDef } from './schema-defs.ts';

type Json = Record<string, unknown>;
const IGNORED = new Set(['id', 'meta']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function byName(attrs: Attr[], name: string): Attr | undefined {
  const lower = name.toLowerCase();
  return attrs.find((a) => a.name.toLowerCase() === lower);
}

function checkValue(attr: Attr, value: unknown, path: string): unknown {
  if (attr.type === 'complex') {
    if (!isObject(value)) throw invalidValue(`Attribute "${path}" must be an object.`);
    return checkAttributes(attr.subAttributes ?? [], value, `${path}.`);
  }
  if (attr.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    // Entra ID sends booleans as "True"/"False" strings in some PATCH requests.
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw invalidValue(`Attribute "${path}" must be a boolean.`);
  }
  if (attr.type === 'integer') {
    if (Number.isInteger(value)) return value;
    throw invalidValue(`Attribute "${path}" must be an integer.`);
  }
  if (typeof value !== 'string') throw invalidValue(`Attribute "${path}" must be a string.`);
  return value;
}

function checkAttributes(attrs: Attr[], input: Json, prefix: string): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    const attr = byName(attrs, key);
    if (!attr) throw invalidValue(`Unknown attribute "${prefix}${key}".`);
    // readOnly values are the server's to set; writeOnly ones (password) are never kept.
    if (attr.mutability === 'readOnly' || attr.mutability === 'writeOnly' || value === null || value === undefined)
      continue;
    const path = `${prefix}${attr.name}`;
    if (attr.multiValued) {
      if (!Array.isArray(value)) throw invalidValue(`Attribute "${path}" must be an array.`);
      out[attr.name] = value.map((item, i) => checkValue(attr, item, `${path}[${i}]`));
    } else {
      out[attr.name] = checkValue(attr, value, path);
    }
  }
  return out;
}

/** The resource with canonical names, only known attributes, readOnly ones dropped; throws invalidValue. */
export function validateResource(def: ResourceDef, input: unknown): Json {
  if (!isObject(input)) throw invalidValue(`A ${def.name} must be a JSON object.`);
  const known = [def.schema.id, ...def.extensions.map((e) => e.id)];
  const schemas = input.schemas ?? input.Schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === def.schema.id.toLowerCase())
  ) {
    throw invalidValue(`"schemas" must list ${def.schema.id}.`);
  }
  for (const s of schemas) {
    if (typeof s !== 'string' || !known.some((k) => k.toLowerCase() === s.toLowerCase()))
      throw invalidValue(`Unknown schema "${String(s)}".`);
  }
  const core: Json = {};
  const out: Json = { schemas: known.filter((k) => schemas.some((s: string) => s.toLowerCase() === k.toLowerCase())) };
  for (const [key, value] of Object.entries(input)) {
    if (key.toLowerCase() === 'schemas' || IGNORED.has(key.toLowerCase())) continue;
    if (key.toLowerCase() === 'externalid') {
      if (value !== null && typeof value !== 'string') throw invalidValue('Attribute "externalId" must be a string.');
      if (value) out.externalId = value;
      continue;
    }
    const extension = def.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
    if (extension) {
      if (!isObject(value)) throw invalidValue(`Extension "${extension.id}" must be an object.`);
      out[extension.id] = checkAttributes(extension.attributes, value, `${extension.id}:`);
      if (!(out.schemas as string[]).includes(extension.id)) (out.schemas as string[]).push(extension.id);
      continue;
    }
    core[key] = value;
  }
  Object.assign(out, checkAttributes(def.schema.attributes, core, ''));
  for (const attr of def.schema.attributes.filter((a) => a.required)) {
    const value = out[attr.name];
    if (typeof value !== 'string' || value.trim() === '') throw invalidValue(`Attribute "${attr.name}" is required.`);
  }
  return out;
}
