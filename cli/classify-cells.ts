// The distinct apps cells of an export for `tollgate classify --json` (cli/classify-json.ts): each cell classified
// once, as exposeInventory would — its apps split as splitApps splits them, its exposure shared by every cell with
// the same resolved apps (appSetKey's rule) and computed by exposureOf from the first such cell — but read in place:
// the apps are numbered spans of the text, so no string is made per cell beyond the first of each app name.
import type { AppResolver } from '@/lib/apps/resolve.ts';
import { exposureOf } from '@/lib/trifecta/classify.ts';
import { SpanTable, trimmed } from './span-table.ts';

const SEMICOLON = 59;
const PIPE = 124;

export class Cells {
  private readonly cells: SpanTable;
  private readonly names: SpanTable;
  // Per app name (by its number): the name, and the number of what appSetKey keys it by.
  private readonly nameOf: string[] = [];
  private readonly keyOf: number[] = [];
  private readonly keys = new Map<string, number>();
  private readonly bySet = new Map<string, number>();
  private readonly tails: string[] = [];
  private readonly flags: number[] = [];
  private readonly tailOf: number[] = [];

  /** `text` holds no comma inside a field: a cell splits on `;`, or on `;` and `|` when it has one. */
  constructor(
    private readonly text: string,
    private readonly resolveApp: AppResolver,
  ) {
    this.cells = new SpanTable(text);
    this.names = new SpanTable(text);
  }

  /** The number of the cell text[start, end), classifying it the first time it is seen. */
  of(start: number, end: number): number {
    const id = this.cells.id(start, end);
    if (id < this.tailOf.length) return id;
    const apps = this.appsOf(start, end);
    // appSetKey: the apps' keys, sorted, duplicates kept; here as numbers, one per distinct key.
    const setKey = apps
      .map((a) => this.keyOf[a]!)
      .sort((a, b) => a - b)
      .join(',');
    let tail = this.bySet.get(setKey);
    if (tail === undefined) {
      const result = exposureOf(
        apps.map((a) => this.nameOf[a]!),
        this.resolveApp,
      );
      tail = this.tails.length;
      this.tails.push(
        JSON.stringify({ legs: result.legs, trifecta: result.trifecta, unknown_apps: result.unknownApps }).slice(1),
      );
      this.flags.push((result.trifecta ? 1 : 0) | (result.unknownApps.length > 0 ? 2 : 0));
      this.bySet.set(setKey, tail);
    }
    this.tailOf.push(tail);
    return id;
  }

  tail(cell: number): string {
    return this.tails[this.tailOf[cell]!]!;
  }

  trifecta(cell: number): boolean {
    return (this.flags[this.tailOf[cell]!]! & 1) !== 0;
  }

  unknown(cell: number): boolean {
    return (this.flags[this.tailOf[cell]!]! & 2) !== 0;
  }

  /** splitApps: the parts, trimmed, the empty ones dropped, each name once (as written). */
  private appsOf(start: number, end: number): number[] {
    const text = this.text;
    let pipes = false; // (indexOf would search past the cell, to the end of the text)
    for (let i = start; i < end && !pipes; i++) pipes = text.charCodeAt(i) === PIPE;
    const apps: number[] = [];
    let from = start;
    for (let i = start; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : SEMICOLON;
      if (c !== SEMICOLON && !(pipes && c === PIPE)) continue;
      const [s, e] = trimmed(text, from, i);
      from = i + 1;
      if (s === e) continue;
      const app = this.names.id(s, e);
      if (app === this.nameOf.length) this.addName(this.names.value(app));
      if (!apps.includes(app)) apps.push(app);
    }
    return apps;
  }

  private addName(written: string) {
    const app = this.resolveApp(written);
    const key = app.status === 'unknown' ? `?${app.id}` : app.id;
    let n = this.keys.get(key);
    if (n === undefined) {
      n = this.keys.size;
      this.keys.set(key, n);
    }
    this.nameOf.push(written);
    this.keyOf.push(n);
  }
}
