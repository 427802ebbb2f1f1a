// Distinct pieces of one large text, numbered in order of first sight, looked up by their bounds without making a
// string: a Map keyed by sliced strings hashes a new string for every row (a third of `tollgate classify`'s parse
// at a million rows), while this hashes the characters in place (open addressing, linear probing).

const SPACE = /\s/;

export class SpanTable {
  private slots = new Int32Array(1 << 12).fill(-1); // a span's number, or -1
  private hashes = new Int32Array(1 << 12);
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly text: string) {}

  get size(): number {
    return this.starts.length;
  }

  /** The number of text[start, end): an existing one, or the next one (then `isNew` says so). */
  id(start: number, end: number): number {
    const text = this.text;
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    // FNV's low bits, which pick the slot, are poorly mixed: murmur3's finaliser spreads them.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === -1) return this.add(slot, h, start, end);
      if (this.hashes[slot] === h && this.same(id, start, end)) return id;
    }
  }

  /** The text of span `id`. */
  value(id: number): string {
    return this.text.slice(this.starts[id]!, this.ends[id]!);
  }

  private same(id: number, start: number, end: number): boolean {
    const from = this.starts[id]!;
    if (this.ends[id]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++)
      if (this.text.charCodeAt(from + i) !== this.text.charCodeAt(start + i)) return false;
    return true;
  }

  private add(slot: number, h: number, start: number, end: number): number {
    const id = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    this.slots[slot] = id;
    this.hashes[slot] = h;
    if (this.starts.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow() {
    const slots = this.slots;
    const hashes = this.hashes;
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.hashes = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === -1) continue;
      let slot = hashes[old]! & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = slots[old]!;
      this.hashes[slot] = hashes[old]!;
    }
  }
}

/** String.prototype.trim's bounds: the same whitespace as `\s`. */
export function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0x80 && SPACE.test(String.fromCharCode(c));
}
