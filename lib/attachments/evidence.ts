// Evidence attached to a record (a checklist sign-off, an attestation, an exception): an https link, or a file —
// size-limited, its SHA-256 recorded, its name made safe to keep. Pure (no Next, no Prisma): the routes, the
// services and the tests check evidence the same way. Errors name the form field (url, file).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { MAX_ATTACHMENT_BYTES, MAX_CONTENT_TYPE_CHARS, MAX_FILENAME_CHARS } from './limits.ts';
import { assertHttpsLink } from './link.ts';

export type FileEvidence = { filename: string; contentType?: string | null; bytes: Buffer };
export type Evidence = { url: string } | FileEvidence;

/** The file as it is stored: the same columns in every table that keeps evidence. */
export type StoredFile = {
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
};

/** Evidence checked and ready to store, with what the audit event says of it (never the bytes). */
export type CheckedEvidence =
  | { link: string; diff: { url: string } }
  | { file: StoredFile; diff: { filename: string; size: number; sha256: string } };

const fileSchema = z.object({
  // The name is only ever shown and sent back in Content-Disposition: separators, control characters and quotes
  // become "_", so it can name no path and break no header.
  filename: z
    .string()
    .trim()
    .min(1, 'file: the file has no name')
    .max(MAX_FILENAME_CHARS, `file: the name is longer than ${MAX_FILENAME_CHARS} characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a stored name must not hold
    .transform((n) => n.replace(/[\\/\u0000-\u001f"]/g, '_')),
  // Kept as the uploader said, never used to serve the file (downloads are application/octet-stream).
  contentType: z
    .string()
    .trim()
    .max(MAX_CONTENT_TYPE_CHARS, `file: the content type is longer than ${MAX_CONTENT_TYPE_CHARS} characters`)
    .nullish()
    .transform((t) => t || null),
});

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file within the limit, not empty, with a usable name; its SHA-256 computed over exactly the bytes kept. */
export function checkFile(file: FileEvidence): StoredFile {
  const size = file.bytes.length;
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new AppError('too_large', `file: the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
  }
  if (size === 0) throw new AppError('unprocessable', 'file: the file is empty.');
  const parsed = fileSchema.safeParse({ filename: file.filename, contentType: file.contentType });
  if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues[0]!.message);
  const content = new Uint8Array(file.bytes);
  const { filename, contentType } = parsed.data;
  return { filename, contentType, size, sha256: sha256Hex(content), content };
}

/** A link or a file, checked; anything else is refused naming the field. */
export function checkEvidence(evidence: Evidence | null | undefined): CheckedEvidence {
  if (!evidence) throw new AppError('unprocessable', 'evidence: give an https link (url) or a file.');
  if ('url' in evidence) {
    try {
      const url = assertHttpsLink(evidence.url);
      return { link: url, diff: { url } };
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `url: ${error.message}`);
      throw error;
    }
  }
  const file = checkFile(evidence);
  return { file, diff: { filename: file.filename, size: file.size, sha256: file.sha256 } };
}
