// What the simulated platform serves: GPTs by position, so that a generator can make the 20,000th GPT on demand
// instead of holding them all (the benchmark's RSS budget), and a cursor (`after` = an id) finds its place.
export type Json = Record<string, unknown>;

export type GptSource = {
  count: number;
  idAt(index: number): string;
  /** -1 when no GPT has this id. */
  indexOf(id: string): number;
  /** The raw GPT object, `latest_config` included. */
  gpt(index: number): Json;
  /** Every configuration version, newest first. */
  configs(index: number): Json[];
  sharedUsers(index: number): Json[];
};

/** A source over GPTs already in memory (the demo's forty, a test's handful). */
export function arraySource(items: { gpt: Json; configs?: Json[]; sharedUsers?: Json[] }[]): GptSource {
  const positions = new Map(items.map((item, i) => [String(item.gpt.id), i]));
  return {
    count: items.length,
    idAt: (i) => String(items[i]!.gpt.id),
    indexOf: (id) => positions.get(id) ?? -1,
    gpt: (i) => items[i]!.gpt,
    configs: (i) => items[i]!.configs ?? [items[i]!.gpt.latest_config as Json],
    sharedUsers: (i) => items[i]!.sharedUsers ?? [],
  };
}
