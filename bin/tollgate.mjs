#!/usr/bin/env node
// `tollgate` — the command-line interface. Runs the TypeScript sources through tsx (a dependency).
// `classify` needs no database and often runs in CI pipelines: it is bundled with esbuild on each run
// (about 0.1 s, never stale) to skip tsx's loader.
const argv = process.argv.slice(2);
if (argv[0] === 'classify' && !argv.includes('--help') && !argv.includes('-h')) {
  const { runBundled } = await import('./bundle.mjs');
  const { runClassify } = await runBundled('cli/classify-main.ts');
  process.exit(await runClassify(argv.slice(1)));
}
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
