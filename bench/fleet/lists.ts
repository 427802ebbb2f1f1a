// Compact tables for the fleet generator's distinct app lists (a million agents have ~255,000 of them): objects per
// list ran a 256 MB heap out at 1M agents, so a list is a few integers into shared tables instead.

/** A Uint32Array that grows by doubling. */
export class GrowingUint32 {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }
}

/** Strings stored once each, named by a small integer. */
export class Interned {
  private readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  value(id: number): string {
    return this.values[id]!;
  }

  get size(): number {
    return this.values.length;
  }
}

/** Lists of strings, each string interned and each list a run of ids in one shared array. */
export class InternedLists {
  private readonly strings = new Interned();
  private readonly items = new GrowingUint32();
  private readonly starts = new GrowingUint32();

  constructor() {
    this.starts.push(0);
  }

  /** Stores a list; returns its number (0, 1, 2… in the order added). */
  add(list: readonly string[]): number {
    for (const value of list) this.items.push(this.strings.id(value));
    this.starts.push(this.items.length);
    return this.starts.length - 2;
  }

  /** List `list`, or its items from `from` up to (not including) `to`. */
  get(list: number, from = 0, to = Number.POSITIVE_INFINITY): string[] {
    const start = this.starts.at(list);
    const end = Math.min(this.starts.at(list + 1), start + to);
    const out: string[] = [];
    for (let i = start + from; i < end; i++) out.push(this.strings.value(this.items.at(i)));
    return out;
  }

  get count(): number {
    return this.starts.length - 1;
  }
}

/** SHA-256 digests by number, 32 bytes each outside the JS heap; written and read as hex. */
export class DigestPool {
  private data = Buffer.alloc(32 * 1024);
  count = 0;

  add(hex: string): number {
    if ((this.count + 1) * 32 > this.data.length) {
      const bigger = Buffer.alloc(this.data.length * 2);
      this.data.copy(bigger);
      this.data = bigger;
    }
    this.data.write(hex, this.count * 32, 32, 'hex');
    return this.count++;
  }

  hex(index: number): string {
    return this.data.toString('hex', index * 32, index * 32 + 32);
  }
}
