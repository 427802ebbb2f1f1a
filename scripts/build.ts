// Runs `next build` only when the sources changed since the last build (content hash, not mtimes,
// so a fresh clone builds once and later starts are instant).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'auth.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];
const STAMP = '.next/tollgate-source-hash';

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) return yield entry;
  for (const d of readdirSync(entry, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (d.name.endsWith('.test.ts')) continue;
    yield* files(path.join(entry, d.name));
  }
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS)
    for (const file of files(input)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export async function ensureBuild(): Promise<void> {
  if (process.env.TOLLGATE_DEV === '1') return;
  const hash = sourceHash();
  if (existsSync('.next/BUILD_ID') && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return;
  console.log('Building the dashboard (first start or sources changed)…');
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('the production build failed (see the output above)');
  writeFileSync(STAMP, hash);
}
