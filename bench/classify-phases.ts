// Attribution for the classification benchmark: the steps of `tollgate classify --json` (cli/classify.ts),
// timed one by one in a fresh process. Prints {phase: ms} as JSON. Usage: classify-phases.ts FILE OUT
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { exposeInventory, createJsonRowWriter } from '@/lib/trifecta/classify-inventory.ts';

const [file, outFile] = process.argv.slice(2);
if (!file || !outFile) throw new Error('usage: classify-phases.ts FILE OUT');
const marks: [string, number][] = [];
let t = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  marks.push([name, now - t]);
  t = now;
};
const bytes = await readFile(file);
lap('read');
const parsed = await parseInventory(bytes);
lap('parse');
const resolveApp = createAppResolver(builtinCatalogue('guide'));
const classified = exposeInventory(parsed.rows, resolveApp);
lap('classify');
const json = `[\n${classified.map(createJsonRowWriter()).join(',\n')}\n]\n`;
lap('json');
writeFileSync(outFile, json);
lap('write');
const distinct = new Set(
  parsed.rows.map((r) =>
    r.apps
      .map((a) => resolveApp(a).id)
      .sort()
      .join('\u0000'),
  ),
).size;
process.stdout.write(JSON.stringify({ ...Object.fromEntries(marks), distinctAppSets: distinct }));
