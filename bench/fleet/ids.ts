// Deterministic ids and draws for the fleet generator: a value depends only on (seed, tag, index), so any part of the
// fleet can be made again without replaying the rest, and the same seed gives the same fleet.

/** One round of the hash: FNV-style multiply, then murmur3's finaliser. */
function round(h: number, p: number): number {
  let x = Math.imul(h ^ p, 0x01000193);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** A well-spread 32-bit hash of up to five small integers (fixed arity: no array per call, millions are made). */
export function mix(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return round(round(round(round(round(0x811c9dc5, a), b), c), d), e) >>> 0;
}

/** Uniform in [0, 1) from (seed, tag, index). */
export function unit(a: number, b = 0, c = 0, d = 0): number {
  return mix(a, b, c, d) / 4294967296;
}

const hex = (n: number, width = 8) => n.toString(16).padStart(width, '0');

/** A version-4-shaped UUID from (seed, tag, index, index2): looks like the platform's and the import's ids. */
export function uuidOf(seed: number, tag: number, i: number, j = 0): string {
  const a = mix(seed, tag, i, j, 1);
  const b = mix(seed, tag, i, j, 2);
  const c = mix(seed, tag, i, j, 3);
  const d = mix(seed, tag, i, j, 4);
  const b4 = hex(b).slice(0, 4);
  const b3 = hex(b).slice(5, 8);
  const c4 = hex(((c >>> 16) & 0x3fff) | 0x8000, 4);
  return `${hex(a)}-${b4}-4${b3}-${c4}-${hex(c & 0xffff, 4)}${hex(d)}`;
}

/** Picks from weighted items with a uniform draw `u` in [0, 1). */
export function weighted<T>(u: number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = u * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}
