// `attributes` and `excludedAttributes` on GET (RFC 7644 §3.9): which attributes an answer carries. Names
// are case-insensitive: `userName`, `name.givenName` (a sub-attribute, also of each item of `emails`), an
// extension's `urn:…:enterprise:2.0:User:department`, or the extension URN for all of it. `id` and
// `schemas` are always returned. Unknown names select nothing; forbidden words are refused. Pure.
import { isForbiddenKey } from '@/lib/http/safe-json.ts';
import { invalidValue } from './errors.ts';
import type { ResourceDef } from './schema-defs.ts';

type Json = Record<string, unknown>;
/** Top-level key (lower-cased) → every sub-attribute of it ('all') or only those named (lower-cased). */
type Selection = Map<string, 'all' | Set<string>>;
export type Projection = { include: Selection | null; exclude: Selection };

const ALWAYS = new Set(['id', 'schemas']);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function select(selection: Selection, top: string, sub: string | null): void {
  const current = selection.get(top);
  if (sub === null || current === 'all') selection.set(top, 'all');
  else selection.set(top, new Set([...(current ?? []), sub]));
}

function parseList(def: ResourceDef, param: string, raw: string | null): Selection {
  const selection: Selection = new Map();
  for (const name of (raw ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)) {
    if (name.split(/[^A-Za-z0-9_$]+/).some(isForbiddenKey))
      throw invalidValue(`"${param}" names a forbidden attribute: "${name}".`);
    const lower = name.toLowerCase();
    const extension = def.extensions.find(
      (e) => lower === e.id.toLowerCase() || lower.startsWith(`${e.id.toLowerCase()}:`),
    );
    if (extension) {
      const rest = lower.slice(extension.id.length + 1);
      select(selection, extension.id.toLowerCase(), rest ? rest.split('.')[0]! : null);
      continue;
    }
    const core = def.schema.id.toLowerCase();
    const [top, sub] = (lower.startsWith(`${core}:`) ? lower.slice(core.length + 1) : lower).split('.');
    if (top) select(selection, top, sub ?? null);
  }
  return selection;
}

export function parseProjection(def: ResourceDef, params: URLSearchParams): Projection {
  const include = parseList(def, 'attributes', params.get('attributes'));
  return {
    include: include.size > 0 ? include : null,
    exclude: parseList(def, 'excludedAttributes', params.get('excludedAttributes')),
  };
}

/** Whether an answer would carry this top-level attribute (Groups load their members only when it does). */
export function returns(projection: Projection, attribute: string): boolean {
  const key = attribute.toLowerCase();
  if (projection.exclude.get(key) === 'all') return false;
  return projection.include === null || projection.include.has(key);
}

const pick = (value: unknown, keep: (key: string) => boolean): unknown => {
  if (Array.isArray(value)) return value.map((item) => pick(item, keep));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => keep(k.toLowerCase())));
};

export function projectResource(resource: Json, projection: Projection): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (ALWAYS.has(lower)) {
      out[key] = value;
      continue;
    }
    let kept: unknown = value;
    if (projection.include) {
      const wanted = projection.include.get(lower);
      if (!wanted) continue;
      if (wanted !== 'all') kept = pick(kept, (k) => wanted.has(k));
    }
    const unwanted = projection.exclude.get(lower);
    if (unwanted === 'all') continue;
    if (unwanted) kept = pick(kept, (k) => !unwanted.has(k));
    out[key] = kept;
  }
  return out;
}
