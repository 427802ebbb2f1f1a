// Where a log upload is streamed before it is stored. Each upload removes its own directory when it ends
// (whatever the outcome); a crash (kill -9, out of memory) cannot, so the first upload after a start removes
// what a dead process left: directories named with a process id that no longer runs.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { AppError } from '@/lib/http/app-error.ts';
import { assertReceivedAll, tooLarge } from '@/lib/http/route.ts';

const PREFIX = 'tollgate-upload-';
/** mkdtemp() adds six random characters: tollgate-upload-<pid>-XXXXXX. */
export const UPLOAD_DIR_PREFIX = path.join(os.tmpdir(), `${PREFIX}${process.pid}-`);

let once: Promise<string[]> | null = null;

/**
 * Streams a request body to a file of its own (constant memory, at most `limit` bytes, exactly the
 * `declared` Content-Length when there is one), runs `use` on it, and removes it whatever happens.
 */
export async function withUploadedFile<T>(
  body: ReadableStream<Uint8Array>,
  declared: number | null,
  limit: number,
  use: (file: string) => Promise<T>,
): Promise<T> {
  await removeStaleUploads();
  const dir = await mkdtemp(UPLOAD_DIR_PREFIX);
  try {
    const file = path.join(dir, 'upload');
    let size = 0;
    const counted = Readable.fromWeb(body as unknown as WebStream).on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) counted.destroy(tooLarge(limit));
    });
    try {
      await pipeline(counted, createWriteStream(file));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('bad_request', 'The upload was interrupted before it was complete. Nothing was stored.');
    }
    assertReceivedAll(declared, size);
    if (size === 0) throw new AppError('unprocessable', 'The file is empty.');
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
