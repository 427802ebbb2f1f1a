// Evidence attached to a record (a checklist sign-off, an attestation): an https link, or a stored file —
// size-limited, its SHA-256 recorded, served only as a download. The audit diff names it, never its bytes.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertHttpsLink } from '../exceptions/rules.ts';
import { AppError } from './app-error.ts';

import { MAX_EVIDENCE_BYTES } from './evidence-limits.ts';

export { MAX_EVIDENCE_BYTES };

export type Evidence = { url: string } | { filename: string; contentType?: string | null; bytes: Buffer };
export type EvidenceColumns = { evidenceUrl?: string; filename?: string; contentType?: string | null; size?: number; sha256?: string; content?: Uint8Array<ArrayBuffer> };

const fileSchema = z.object({
  filename: z.string().trim().min(1, 'file: the file has no name').max(255, 'file: the name is longer than 255 characters').transform((n) => n.replace(/[\\/\u0000-\u001f"]/g, '_')),
  contentType: z.string().trim().max(200, 'file: the content type is longer than 200 characters').nullish().transform((t) => t || null),
});

/** The columns to store and the audit diff; errors name the field (url, file). */
export function evidenceOf(evidence: Evidence | null | undefined): { data: EvidenceColumns; diff: Record<string, unknown> } {
  if (!evidence) throw new AppError('unprocessable', 'evidence: give an https link (url) or a file.');
  if ('url' in evidence) {
    let url: string;
    try {
      url = assertHttpsLink(evidence.url);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `url: ${error.message}`);
      throw error;
    }
    return { data: { evidenceUrl: url }, diff: { url } };
  }
  const size = evidence.bytes.length;
  if (size > MAX_EVIDENCE_BYTES) throw new AppError('too_large', `file: the file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`);
  if (size === 0) throw new AppError('unprocessable', 'file: the file is empty.');
  const file = fileSchema.safeParse({ filename: evidence.filename, contentType: evidence.contentType });
  if (!file.success) throw new AppError('unprocessable', file.error.issues[0]!.message);
  const sha256 = createHash('sha256').update(evidence.bytes).digest('hex');
  return {
    data: { filename: file.data.filename, contentType: file.data.contentType, size, sha256, content: new Uint8Array(evidence.bytes) },
    diff: { filename: file.data.filename, size, sha256 },
  };
}
