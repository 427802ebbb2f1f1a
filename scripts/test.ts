// `npm test`: the whole suite — Vitest (unit + integration on a real embedded PostgreSQL), then
// Playwright e2e in Chromium against the app started exactly as `npm start` starts it.
// Ends with one plain line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '@/e2e/browser.ts';
import { assertEmbeddedReachable } from '@/lib/db/embedded.ts';
import { ConfigError } from '@/lib/runtime/config-error.ts';

// As root the test PostgreSQL runs as `postgres`: a checkout it cannot enter is one sentence here, not a stack later.
try {
  assertEmbeddedReachable(path.resolve('.test-data', 'vitest', 'pg'));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`npm test cannot start — ${error.message}.`);
  process.exit(1);
}

const out = path.resolve('.test-data', 'reports');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRunner = false;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedRunner = true;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

console.log('== Type check (tsc --noEmit, every file) ==');
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit'], { stdio: 'inherit' });
if (tsc.status === 0) {
  console.log('Type check passed.');
  totals.passed += 1;
} else {
  totals.failed += 1;
}

console.log('\n== Lint (npm run lint: Biome, then lines of at most 120 characters) ==');
const biome = spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '.'], {
  stdio: 'inherit',
});
const lines = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/line-length.ts'], {
  stdio: 'inherit',
});
if (biome.status === 0 && lines.status === 0) {
  console.log('Lint passed.');
  totals.passed += 1;
} else {
  totals.failed += 1;
}

console.log('\n== Unit and integration tests (Vitest, real PostgreSQL) ==');
run([
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}/vitest.json`,
]);
const vitest = readJson<{
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}>(`${out}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else failedRunner = true;

console.log('\n== End-to-end tests (Playwright, Chromium) ==');
const browser = findChromium();
if (!browser) {
  const how =
    'Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu), or ' +
    'point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chrome/Chromium binary.';
  if (process.env.CI === 'true') {
    console.error(`\n!!! No Chromium found: end-to-end tests cannot run, and CI=true requires them. ${how}\n`);
    failedRunner = true;
  } else {
    console.warn(
      `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! ` +
        `END-TO-END TESTS SKIPPED: no Chromium browser found.\n!!! ` +
        `${how}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
    );
  }
} else {
  console.log(`Browser: ${browser}`);
  run(
    ['node_modules/@playwright/test/cli.js', 'test', '--project=e2e', '--project=e2e-admin', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` },
  );
  const pw = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
    `${out}/playwright.json`,
  );
  if (pw) {
    totals.passed += pw.stats.expected + pw.stats.flaky;
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
  } else failedRunner = true;
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRunner || totals.failed > 0 ? 1 : 0);
