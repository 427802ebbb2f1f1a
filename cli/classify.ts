// tollgate classify FILE [--json] [--strict] [--catalogue guide|strict|FILE] — no database needed.
// Exit 0: no trifecta agent · 1: a trifecta agent (with --strict, also an unknown app) · 2: bad input.
import { readFile } from 'node:fs/promises';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue, PROFILES } from '@/lib/apps/builtin.ts';
import { parseCatalogueFile } from '@/lib/apps/catalogue-file.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { Catalogue, CatalogueProfile } from '@/lib/apps/types.ts';
import { classifyInventory, createJsonRowWriter, exposeInventory } from '@/lib/trifecta/classify-inventory.ts';
import type { Exposure } from '@/lib/trifecta/types.ts';
import { formatClassifyTable } from './classify-table.ts';

export type ClassifyOptions = { json: boolean; strict: boolean; catalogue?: string };

export async function classifyCommand(file: string | undefined, options: ClassifyOptions): Promise<number> {
  if (!file)
    return bad(
      'classify needs a FILE: the Global Admin Console agent export (agent_id,agent_name,owner_email,connected_apps)',
    );
  let catalogue: Catalogue;
  try {
    catalogue = await loadCatalogue(options.catalogue ?? 'guide');
  } catch (error) {
    return bad(`--catalogue ${options.catalogue}: ${(error as Error).message}`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return bad(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = await parseInventory(bytes);
  if (parsed.fatal) return bad(`${file}:${parsed.fatal.line}: ${parsed.fatal.reason}`);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) console.error(`${file}:${e.line}: ${e.reason}`);
    return bad(`${parsed.errors.length} invalid row(s); nothing classified`);
  }

  const resolveApp = createAppResolver(catalogue);
  let classified: { result: Exposure }[];
  if (options.json) {
    // Exposure only, one agent per line: readable, diffable, and fast for 100k agents.
    const exposed = exposeInventory(parsed.rows, resolveApp);
    process.stdout.write(`[\n${exposed.map(createJsonRowWriter()).join(',\n')}\n]\n`);
    classified = exposed;
  } else {
    const full = classifyInventory(parsed.rows, resolveApp);
    process.stdout.write(formatClassifyTable(full, catalogue.profile));
    classified = full;
  }

  const trifecta = classified.some((c) => c.result.trifecta);
  const unknown = classified.some((c) => c.result.unknownApps.length > 0);
  return trifecta || (options.strict && unknown) ? 1 : 0;
}

async function loadCatalogue(spec: string): Promise<Catalogue> {
  if ((PROFILES as readonly string[]).includes(spec)) return builtinCatalogue(spec as CatalogueProfile);
  return parseCatalogueFile(await readFile(spec, 'utf8'));
}

function bad(message: string): number {
  console.error(`tollgate classify: ${message}`);
  return 2;
}
