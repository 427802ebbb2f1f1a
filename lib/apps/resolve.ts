// Resolves an app name as written (an export cell, a connector id) to a catalogue entry.
// Whole-name matching after folding, by id, display name or alias; `mcp:<name>` is a custom MCP server.
import type { Leg } from './legs.ts';
import { LEGS } from './legs.ts';
import { foldAppName, foldMcpId, mcpId } from './fold.ts';
import type { Catalogue, CatalogueApp } from './types.ts';

export type ResolvedApp =
  | { status: 'known'; written: string; id: string; app: CatalogueApp; legs: Leg[] }
  /** A custom MCP server no reviewer has classified: bring-your-own code, so all three legs. */
  | { status: 'mcp_unclassified'; written: string; id: string; app: null; legs: Leg[] }
  /** Not in the catalogue: no leg until someone classifies it; never dropped. */
  | { status: 'unknown'; written: string; id: string; app: null; legs: Leg[] };

export type AppResolver = (written: string) => ResolvedApp;

export function appKey(written: string): string {
  const mcp = mcpId(written);
  return mcp ? foldMcpId(mcp) : foldAppName(written);
}

export function createAppResolver(catalogue: Catalogue): AppResolver {
  const index = indexCatalogue(catalogue);
  const cache = new Map<string, ResolvedApp>();
  return (written) => {
    let hit = cache.get(written);
    if (hit === undefined) {
      hit = resolve(index, written);
      cache.set(written, hit);
    }
    return hit;
  };
}

/** Folded key → app. Throws when two entries claim the same name (the catalogue would be ambiguous). */
export function indexCatalogue(catalogue: Catalogue): Map<string, CatalogueApp> {
  const index = new Map<string, CatalogueApp>();
  for (const entry of catalogue.apps) {
    const keys = new Set([appKey(entry.id), foldAppName(entry.name), ...entry.aliases.map(appKey)]);
    for (const key of keys) {
      const other = index.get(key);
      if (other && other !== entry) throw new Error(`"${key}" names both ${other.id} and ${entry.id}`);
      index.set(key, entry);
    }
  }
  return index;
}

function resolve(index: Map<string, CatalogueApp>, written: string): ResolvedApp {
  const trimmed = written.trim();
  const app = index.get(appKey(trimmed));
  if (app) return { status: 'known', written: trimmed, id: app.id, app, legs: app.legs };
  const mcp = mcpId(trimmed);
  if (mcp) return { status: 'mcp_unclassified', written: trimmed, id: mcp, app: null, legs: [...LEGS] };
  return { status: 'unknown', written: trimmed, id: trimmed, app: null, legs: [] };
}
