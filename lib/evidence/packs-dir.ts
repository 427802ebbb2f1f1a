// Where evidence packs' bytes live (decision 0038). By default `<data dir>/packs`, which belongs to one instance.
// Several instances set TOLLGATE_PACKS_DIR to one folder they all mount (a network file system, a shared volume):
// then a pack written, or taken over, by one instance is served by every other. The worker writes `.part` files
// and renames them in that same folder, so a rename never crosses file systems.
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';

export const PACKS_DIR_SETTING = 'TOLLGATE_PACKS_DIR';

export function packsDir(dataDir: string, env: Env = process.env): string {
  const shared = env[PACKS_DIR_SETTING];
  // A folder named at run time: nothing for the build to trace.
  return shared ? path.resolve(/*turbopackIgnore: true*/ shared) : path.join(dataDir, 'packs');
}

/** A pack's file, or an attempt's temporary file: the only names the sweep removes from a (shared) folder. */
export const PACK_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.zip(\.\d+-[0-9a-f]+\.part)?$/;

/**
 * Checked at start: a shared folder that is missing, relative (each instance would resolve it elsewhere) or not
 * writable would only show at the first pack, on one instance; it stops the start instead, naming the setting.
 */
export function assertPacksDir(env: Env = process.env): void {
  const dir = env[PACKS_DIR_SETTING];
  if (!dir) return;
  if (!path.isAbsolute(dir))
    throw new ConfigError(PACKS_DIR_SETTING, `must be an absolute path to a folder every instance mounts, not ${dir}`);
  const found = (() => {
    try {
      return statSync(dir);
    } catch {
      return null;
    }
  })();
  if (!found?.isDirectory())
    throw new ConfigError(
      PACKS_DIR_SETTING,
      `${dir} is not a folder: create it (mounted by every instance) or unset it`,
    );
  const probe = path.join(dir, `.tollgate-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '', { flag: 'wx', mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(PACKS_DIR_SETTING, `${dir} is not writable by this process (${code})`);
  }
}
