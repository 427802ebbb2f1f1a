#!/usr/bin/env node
// `tollgate` — the command-line interface. Runs the TypeScript sources through tsx (a dependency).
// `classify` needs no database and often runs in CI pipelines: it is bundled with esbuild on each run
// (about 0.1 s, never stale) to skip tsx's loader.
const argv = process.argv.slice(2);
if (argv[0] === 'classify') {
  const { runBundled } = await import('./bundle.mjs');
  const { runClassify } = await runBundled('cli/classify-main.ts');
  process.exit(await runClassify(argv.slice(1)));
}
// An evidence pack streams (its live data stays under ~70 MB at 1M audit events), but V8 lets garbage grow to
// several hundred MB on a large machine before collecting: the pack runs with its heap capped instead
// (bench/RESULTS.md §6). An explicit --max-old-space-size from the caller wins.
const PACK_HEAP_MB = 256;
const heapSet = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) =>
  a.startsWith('--max-old-space-size'),
);
if (argv[0] === 'evidence' && argv[1] === 'pack' && !heapSet) {
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${PACK_HEAP_MB}`, process.argv[1], ...argv],
    { stdio: 'inherit' },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await run();
}

async function run() {
  const { register } = await import('tsx/esm/api');
  // The sources import through the tsconfig's `@/` alias: name the tsconfig, since the caller's directory may be
  // anywhere.
  const { fileURLToPath } = await import('node:url');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../cli/main.ts');
}
