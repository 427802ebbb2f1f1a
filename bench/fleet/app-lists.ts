// The fleet's distinct app lists, each classified once by the real pure classifier (classifyConfig, as the import
// writes it) and kept only as what later steps need: the Agent columns' COPY text, mostly shared (the tail after
// appIds is the same for lists with the same resolved apps: ~83k of them for ~255k lists at 1M agents), the config
// hash as 32 bytes outside the heap, and the connector ids the events call, interned. The columns that only repeat
// the written list (apps, connectors) are made again per agent from the row.
import { classifyConfig, type RiskContext } from '@/lib/agents/import/preview-risk.ts';
import { arrayLiteral, copyField } from './copy.ts';
import { DigestPool, GrowingUint32, Interned, InternedLists } from './lists.ts';

export const TRIFECTA = 1;
export const EXPOSED = 2;

export class AppLists {
  // What only the agents' COPY needs; dropped by done().
  private keys: Map<string, number> | null = new Map();
  private tails: Interned | null = new Interned();
  private tailOf: GrowingUint32 | null = new GrowingUint32(); // tail id × 4 + TRIFECTA | EXPOSED
  private hashes: DigestPool | null = new DigestPool();
  private appIdCount: GrowingUint32 | null = new GrowingUint32();
  // What the events need: per list, the catalogue ids of its apps, then the names of the others.
  private readonly connectors = new InternedLists();

  constructor(private readonly context: RiskContext) {}

  get count(): number {
    return this.connectors.count;
  }

  /** The number of the list `apps` (in the order written), classifying it the first time it is seen. */
  of(apps: string[]): number {
    const key = apps.join('\u0000');
    const known = this.keys!.get(key);
    if (known !== undefined) return known;
    const config = classifyConfig(
      apps.map((app) => ({ app })),
      this.context,
    );
    const tail = [
      arrayLiteral(config.unknownApps),
      arrayLiteral(config.unclassifiedMcp),
      JSON.stringify(config.legs),
      config.legCount,
      config.trifecta,
      arrayLiteral(config.breakApps),
      config.effectiveState,
    ]
      .map(copyField)
      .join('\t');
    const flags = (config.trifecta ? TRIFECTA : 0) | (config.effectiveState === 'exposed' ? EXPOSED : 0);
    this.tailOf!.push(this.tails!.id(tail) * 4 + flags);
    this.hashes!.add(config.configHash);
    this.appIdCount!.push(config.appIds.length);
    // What a run's connector calls name: the catalogue's app id, or the name as written for what it does not know.
    const ids = [
      ...config.appIds,
      ...config.unknownApps.map(slug),
      ...config.unclassifiedMcp.map((m) => slug(m.replace(/^mcp:/i, ''))),
    ];
    const list = this.connectors.add(ids.length ? ids : ['web_search']);
    this.keys!.set(key, list);
    return list;
  }

  /** TRIFECTA and EXPOSED, as the list's classification says. */
  flags(list: number): number {
    return this.tailOf!.at(list) & 3;
  }

  /** The Agent columns from `apps` to `effectiveState` (see AGENT_COLUMNS), COPY-escaped and tab-separated. */
  columns(list: number, apps: string[]): string {
    const appIds = arrayLiteral(this.connectors.get(list, 0, this.appIdCount!.at(list)));
    const connectors = JSON.stringify(apps.map((app) => ({ app })));
    const tail = this.tails!.value(this.tailOf!.at(list) >>> 2);
    return `${copyField(arrayLiteral(apps))}\t${copyField(connectors)}\t${this.hashes!.hex(list)}\ttrue\t${copyField(
      appIds,
    )}\t${tail}`;
  }

  connectorIds(list: number): string[] {
    return this.connectors.get(list);
  }

  /** The agents are written: keep only the connector ids. */
  done(): void {
    this.keys = null;
    this.tails = null;
    this.tailOf = null;
    this.hashes = null;
    this.appIdCount = null;
  }
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
