// Reading a form that carries evidence (route handlers of checklist sign-offs and attestations): the body is
// read up to the size limit first, then parsed; the evidence is a url or a file, never both.
import { AppError } from './app-error.ts';
import type { Evidence } from './evidence.ts';
import { MAX_EVIDENCE_BYTES } from './evidence-limits.ts';
import { readBody } from './route.ts';

// Room for the form's other fields (a statement of up to 2,000 characters) and multipart boundaries around the largest file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** multipart/form-data or urlencoded, at most the largest evidence file plus the other fields. */
export async function readEvidenceForm(request: Request, what: string): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new AppError('bad_request', `Send the ${what} as multipart/form-data.`);
  }
  const body = await readBody(request, MAX_EVIDENCE_BYTES + FORM_OVERHEAD_BYTES);
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
