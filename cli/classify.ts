// tollgate classify FILE [--format table|json|sarif] [--out FILE] [--strict] [--catalogue guide|strict|FILE]
// — no database needed.
// Exit 0: no trifecta agent · 1: a trifecta agent (with --strict, also an unknown app) · 2: bad input.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue, PROFILES } from '@/lib/apps/builtin.ts';
import { parseCatalogueFile } from '@/lib/apps/catalogue-file.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { Catalogue, CatalogueProfile } from '@/lib/apps/types.ts';
import { classifyJson } from './classify-json.ts';
import { classifySarifText } from '@/lib/sarif/classify-log.ts';
import { artifactLocation } from '@/lib/sarif/uri.ts';
import { classifyInventory, createJsonRowWriter, exposeInventory } from '@/lib/trifecta/classify-inventory.ts';
import type { Exposure } from '@/lib/trifecta/types.ts';
import packageJson from '@/package.json' with { type: 'json' };
import { formatClassifyTable } from './classify-table.ts';
import { assertNewFile, writeNewFile } from './out-file.ts';

export const CLASSIFY_FORMATS = ['table', 'json', 'sarif'] as const;
export type ClassifyFormat = (typeof CLASSIFY_FORMATS)[number];
export type ClassifyOptions = { format: ClassifyFormat; strict: boolean; catalogue?: string; out?: string };

export async function classifyCommand(file: string | undefined, options: ClassifyOptions): Promise<number> {
  if (!file)
    return bad(
      'classify needs a FILE: the Global Admin Console agent export (agent_id,agent_name,owner_email,connected_apps)',
    );
  if (options.out) {
    // Before any work: an existing --out is never overwritten (exit 2, as for any bad input: 1 means a trifecta).
    try {
      assertNewFile(options.out);
    } catch (error) {
      return bad((error as Error).message);
    }
  }
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
  if (options.format === 'json') {
    // The common export, fast (a million agents); anything else goes through the full parser below.
    const fast = classifyJson(bytes, createAppResolver(catalogue));
    if (fast) return finish(fast.pieces, options, fast.trifecta, fast.unknown);
  }
  const parsed = await parseInventory(bytes);
  if (parsed.fatal) return bad(`${file}:${parsed.fatal.line}: ${parsed.fatal.reason}`);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) console.error(`${file}:${e.line}: ${e.reason}`);
    return bad(`${parsed.errors.length} invalid row(s); nothing classified`);
  }

  const resolveApp = createAppResolver(catalogue);
  let classified: { result: Exposure }[];
  let output: Iterable<string>;
  if (options.format === 'json') {
    // Exposure only, one agent per line: readable, diffable, and fast for 100k agents.
    const exposed = exposeInventory(parsed.rows, resolveApp);
    output = [`[\n${exposed.map(createJsonRowWriter()).join(',\n')}\n]\n`];
    classified = exposed;
  } else {
    const full = classifyInventory(parsed.rows, resolveApp);
    output =
      options.format === 'sarif'
        ? classifySarifText({
            classified: full,
            artifact: { location: artifactLocation(file, process.cwd()), bytes },
            toolVersion: packageJson.version,
            catalogueProfile: catalogue.profile,
          })
        : [formatClassifyTable(full, catalogue.profile)];
    classified = full;
  }
  const trifecta = classified.some((c) => c.result.trifecta);
  const unknown = classified.some((c) => c.result.unknownApps.length > 0);
  return finish(output, options, trifecta, unknown);
}

/** Writes the output; the exit code. */
async function finish(output: Iterable<string>, options: ClassifyOptions, trifecta: boolean, unknown: boolean) {
  try {
    if (options.out) await writeNewFile(options.out, (stream) => writeAll(stream, output));
    else await writeAll(process.stdout, output);
  } catch (error) {
    return bad((error as Error).message);
  }
  return trifecta || (options.strict && unknown) ? 1 : 0;
}

/** Writes the pieces in batches of about 1 MB, waiting whenever the stream asks to. */
async function writeAll(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= 1 << 20) {
      if (!stream.write(batch)) await once(stream, 'drain');
      batch = '';
    }
  }
  if (batch !== '' && !stream.write(batch)) await once(stream, 'drain');
}

async function loadCatalogue(spec: string): Promise<Catalogue> {
  if ((PROFILES as readonly string[]).includes(spec)) return builtinCatalogue(spec as CatalogueProfile);
  return parseCatalogueFile(await readFile(spec, 'utf8'));
}

function bad(message: string): number {
  console.error(`tollgate classify: ${message}`);
  return 2;
}
