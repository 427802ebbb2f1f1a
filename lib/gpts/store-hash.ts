// The raw hash of a platform object (docs/decisions/0023 "Storage"): SHA-256 of its canonical JSON, the same text
// lib/audit/chain.ts `canonicalJson` writes (keys sorted, undefined left out), built faster: a later read hashes
// every listed GPT, tens of kB each, and that hash was the largest part of reading an unchanged GPT. Plain objects
// with keys in sorted order let JSON.stringify take its fast path; canonicalJson's Object.fromEntries copies do not.
import { createHash } from 'node:crypto';

const hashes = new WeakMap<object, string>();

/** SHA-256 (hex) of a JSON value's canonical text: key order and whitespace never count as a change. Kept per
 *  object, since a read asks for it twice (is it unchanged? does it need details?) and schemas make it large. */
export function rawSha256(raw: object): string {
  let hash = hashes.get(raw);
  if (hash === undefined) {
    hash = createHash('sha256').update(canonicalText(raw)).digest('hex');
    hashes.set(raw, hash);
  }
  return hash;
}

/** canonicalJson for JSON values (what JSON.parse returns): byte for byte the same text. */
export function canonicalText(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sorted(value[i]);
    return out;
  }
  const keys = Object.keys(value);
  keys.sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    // An own "__proto__" (JSON.parse makes one) stays a key: assigned, it would set the prototype and vanish.
    if (key === '__proto__') Object.defineProperty(out, key, { value: sorted(v), enumerable: true, writable: true });
    else out[key] = sorted(v);
  }
  return out;
}
