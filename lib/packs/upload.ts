// A pack uploaded through a server action: a small text file, read as UTF-8.
import 'server-only';
import { AppError } from '@/lib/http/app-error.ts';

export const MAX_PACK_BYTES = 256 * 1024;

export async function readPackUpload(formData: FormData): Promise<{ filename: string; text: string }> {
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('unprocessable', 'Choose a pack file (.jsonc or .json) to upload.');
  if (file.size > MAX_PACK_BYTES)
    throw new AppError('too_large', `The pack is larger than ${MAX_PACK_BYTES / 1024} KB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('unprocessable', `${file.name}: not UTF-8 text. Nothing was imported.`);
  }
  return { filename: file.name.slice(0, 200) || 'pack.jsonc', text };
}
