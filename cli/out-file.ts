// Writes a command's --out file without ever touching a file this run did not create: the file is
// opened exclusively (O_EXCL) before anything is written, and only a file this run created is removed
// when writing fails.
import { existsSync, lstatSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { AppError } from '@/lib/http/app-error.ts';

/** One sentence for the usual reasons a file cannot be created (instead of "EEXIST: file already exists, open …"). */
export function describeFileError(file: string, error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const dir = path.dirname(path.resolve(file));
  switch (code) {
    case 'EEXIST':
      return `${file} already exists; choose another --out or remove it first (it is never overwritten).`;
    case 'ENOENT':
      return `Cannot create ${file}: the folder ${dir} does not exist.`;
    case 'ENOTDIR':
      return `Cannot create ${file}: part of its path is a file, not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot create ${file}: no permission to write in ${dir}.`;
    case 'EISDIR':
      return `Cannot create ${file}: it is a folder.`;
    case 'ENOSPC':
      return `Cannot write ${file}: the disk is full.`;
    case 'EROFS':
      return `Cannot create ${file}: the file system is read-only.`;
    default:
      return null;
  }
}

/** Refuses early (before any database work) when --out already exists, even as a dangling link, or its folder
 *  does not. */
export function assertNewFile(file: string): void {
  let exists = true;
  try {
    lstatSync(file);
  } catch {
    exists = false;
  }
  if (exists) throw new AppError('conflict', describeFileError(file, { code: 'EEXIST' })!);
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new AppError('unprocessable', describeFileError(file, { code: 'ENOENT' })!);
  if (!statSync(dir).isDirectory()) throw new AppError('unprocessable', describeFileError(file, { code: 'ENOTDIR' })!);
}

/**
 * Creates `file` (refusing an existing one), hands `write` a stream to it, and waits until the data is on
 * disk. On any failure after the file was created, that file (and only that one) is removed.
 */
export async function writeNewFile<T>(file: string, write: (stream: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    const sentence = describeFileError(file, error);
    throw sentence
      ? new AppError((error as NodeJS.ErrnoException).code === 'EEXIST' ? 'conflict' : 'unprocessable', sentence)
      : error;
  }
  const stream = handle.createWriteStream();
  // A write error (disk full, …) rejects here instead of crashing the process as an unhandled 'error' event.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    const result = await Promise.race([write(stream), failed]);
    if (!stream.writableEnded) stream.end();
    await finished(stream);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(file, { force: true });
    const sentence = describeFileError(file, error);
    throw sentence ? new AppError('unprocessable', sentence) : error;
  }
}
