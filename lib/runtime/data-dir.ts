// Where Tollgate keeps its embedded database, generated secrets and keys (TOLLGATE_DATA_DIR, default ./.data).
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from './config-error.ts';

/** The data dir's absolute path, creating nothing (for commands that only read from it when it exists). */
export function dataDirPath(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.TOLLGATE_DATA_DIR || '.data');
}

export function resolveDataDir(env: Env = process.env): string {
  const dir = dataDirPath(env);
  try {
    makeDirs(dir);
    accessSync(dir, constants.W_OK | constants.X_OK);
    // The embedded server runs as the `postgres` user when we are root: it must be able to enter.
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  } catch {
    throw new ConfigError('TOLLGATE_DATA_DIR', `the data directory ${dir} cannot be created or is not writable`);
  }
  return dir;
}

/** mkdir -p without Node 20's recursive mkdir, which loops forever under /proc. */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}
