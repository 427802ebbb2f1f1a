// Runs `next build` only when the sources changed since the last build (content hash, not mtimes,
// so a fresh clone builds once and later starts are instant). TOLLGATE_DIST_DIR (default .next) names the build
// directory, so a bench or a second checkout of the sources can build apart from a server already running; a lock
// beside it lets only one process build it at a time (two `next build` in one directory corrupt each other).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'auth.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

export function distDir(): string {
  const dir = process.env.TOLLGATE_DIST_DIR ?? '.next';
  if (!/^\.next[\w.-]*$/.test(dir))
    throw new Error(`TOLLGATE_DIST_DIR must be a directory name starting with .next, got ${JSON.stringify(dir)}`);
  return dir;
}

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose builder died, or that never got its pid within a minute. */
function abandoned(lock: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    return pid > 0 && !alive(pid);
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

/** mkdir is atomic: the first process to create the lock builds; a lock whose process died is taken over. */
async function withBuildLock<T>(dir: string, work: () => T): Promise<T> {
  const lock = `${dir}.build-lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(1000);
    }
  }
  try {
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function ensureBuild(): Promise<void> {
  if (process.env.TOLLGATE_DEV === '1') return;
  const dir = distDir();
  const stamp = path.join(dir, 'tollgate-source-hash');
  const built = (hash: string) =>
    existsSync(path.join(dir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (built(sourceHash())) return;
  await withBuildLock(dir, () => {
    // Hashed again inside the lock: another process may have built these very sources while this one waited.
    const hash = sourceHash();
    if (built(hash)) return;
    console.log(`Building the dashboard into ${dir} (first start or sources changed)…`);
    const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) throw new Error('the production build failed (see the output above)');
    writeFileSync(stamp, hash);
  });
}
