// Where a log upload is streamed before it is stored. Each upload removes its own directory when it ends
// (whatever the outcome); a crash (kill -9, out of memory) cannot, so the first upload after a start removes
// what a dead process left: directories named with a process id that no longer runs.
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'tollgate-upload-';
/** mkdtemp() adds six random characters: tollgate-upload-<pid>-XXXXXX. */
export const UPLOAD_DIR_PREFIX = path.join(os.tmpdir(), `${PREFIX}${process.pid}-`);

let once: Promise<string[]> | null = null;

/** Once per process: removes the upload directories of processes that are gone. Returns what it removed. */
export function removeStaleUploads(): Promise<string[]> {
  once ??= removeLeftovers(os.tmpdir(), Date.now() - process.uptime() * 1000).catch(() => []);
  return once;
}

/** The directories under `tmp` left by a dead process (or by this pid before this process started: a reused pid). */
export async function removeLeftovers(tmp: string, startedAt: number): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    const pid = Number(/^(\d+)-/.exec(name.slice(PREFIX.length))?.[1] ?? NaN);
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) continue;
    const ours = pid === process.pid;
    // Directories from before pids were in the name (tollgate-upload-XXXXXX): gone if older than this process.
    const stale = Number.isNaN(pid) ? info.mtimeMs < startedAt : ours ? info.mtimeMs < startedAt : !alive(pid);
    if (!stale) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours to signal
  }
}
