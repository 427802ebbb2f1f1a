// Where Tollgate keeps its embedded database, generated secrets and keys (TOLLGATE_DATA_DIR, default ./.data).
import { accessSync, chmodSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.ts';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ env.TOLLGATE_DATA_DIR || '.data');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
    // The embedded server runs as the `postgres` user when we are root: it must be able to enter.
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  } catch {
    throw new ConfigError('TOLLGATE_DATA_DIR', `the data directory ${dir} cannot be created or is not writable`);
  }
  return dir;
}
