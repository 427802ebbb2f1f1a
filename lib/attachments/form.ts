// The one upload protocol for evidence: a multipart form with the file in `file` (or an https link in `url`)
// beside the record's own fields. Upload routes run outside the proxy (decision 0019), so the body reaches the
// route as a stream: it is read up to the limit and refused (413) as soon as it passes it, never held whole first.
import 'server-only';
import { AppError } from '@/lib/http/app-error.ts';
import { readBody } from '@/lib/http/route.ts';
import type { Evidence } from './evidence.ts';
import { FORM_OVERHEAD_BYTES, MAX_ATTACHMENT_BYTES } from './limits.ts';

/** multipart/form-data (or urlencoded, for a link only), at most the largest file plus the form around it. */
export async function readAttachmentForm(request: Request, what: string): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new AppError('bad_request', `Send the ${what} as multipart/form-data.`);
  }
  const body = await readBody(request, MAX_ATTACHMENT_BYTES + FORM_OVERHEAD_BYTES);
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('bad_request', 'The form could not be read.');
  }
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** The form's evidence: a link (url) or a file (file), never both. */
export async function formEvidence(form: FormData): Promise<Evidence> {
  const url = formText(form, 'url');
  const file = form.get('file');
  // A browser sends an unnamed, empty part when no file was chosen.
  const hasFile = file instanceof File && (file.name !== '' || file.size > 0);
  if (url && hasFile) throw new AppError('unprocessable', 'evidence: give either a link (url) or a file, not both.');
  if (hasFile) return { filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
  if (url) return { url };
  throw new AppError('unprocessable', 'evidence: give an https link (url) or a file.');
}
