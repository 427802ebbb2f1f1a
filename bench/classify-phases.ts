// Attribution for the classification benchmark: the steps of `tollgate classify --json` (cli/classify.ts and its
// fast path cli/classify-json.ts), timed one by one in a fresh process. Prints {phase: ms} as JSON.
// Usage: classify-phases.ts FILE OUT
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import { classifyJson } from '@/cli/classify-json.ts';

const [file, outFile] = process.argv.slice(2);
if (!file || !outFile) throw new Error('usage: classify-phases.ts FILE OUT');
const marks: Record<string, number> = {};
let t = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  marks[name] = (marks[name] ?? 0) + now - t;
  t = now;
};
const catalogue = builtinCatalogue('guide');
lap('catalogue');
const bytes = await readFile(file);
lap('read');
const result = classifyJson(bytes, createAppResolver(catalogue));
if (!result) throw new Error(`${file}: not a plain export (the fast path handed it to the full parser)`);
lap('parse');
// The pieces are made as they are written: time each apart.
const out = openSync(outFile, 'w');
for (const piece of result.pieces) {
  lap('json');
  writeSync(out, piece);
  lap('write');
}
closeSync(out);
lap('write');
process.stdout.write(JSON.stringify({ ...marks, memoryMb: process.resourceUsage().maxRSS / 1024 }));
