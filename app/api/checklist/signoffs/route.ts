// POST /api/checklist/signoffs — sign one step of the pre-launch checklist (6.7) for a workspace.
// A multipart form: workspaceId, step, note, and the evidence: url (https) or file (at most 10 MB, kept with its SHA-256).
import { authorize } from '../../../../lib/auth/authorize.ts';
import { signStep, type Evidence } from '../../../../lib/checklist/service.ts';
import { MAX_EVIDENCE_BYTES } from '../../../../lib/checklist/steps.ts';
import { db } from '../../../../lib/db.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse, readBody } from '../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

// Room for the form's other fields and multipart boundaries around the largest file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

export async function POST(request: Request) {
  try {
    const actor = await authorize('reviews:decide');
    assertSameOrigin(request);
    const form = await readForm(request);
    const workspaceId = text(form, 'workspaceId');
    if (!workspaceId) throw new AppError('bad_request', 'Missing workspaceId.');
    const { id } = await signStep(db(), actor, workspaceId, { step: Number(text(form, 'step')), note: text(form, 'note'), evidence: await evidenceOf(form) });
    return Response.json({ id }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The body read up to the size limit first, then parsed (multipart/form-data or urlencoded). */
async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new AppError('bad_request', 'Send the sign-off as multipart/form-data.');
  }
  const body = await readBody(request, MAX_EVIDENCE_BYTES + FORM_OVERHEAD_BYTES);
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('bad_request', 'The form could not be read.');
  }
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

async function evidenceOf(form: FormData): Promise<Evidence> {
  const url = text(form, 'url');
  const file = form.get('file');
  // A browser sends an unnamed, empty part when no file was chosen.
  const hasFile = file instanceof File && (file.name !== '' || file.size > 0);
  if (url && hasFile) throw new AppError('unprocessable', 'evidence: give either a link (url) or a file, not both.');
  if (hasFile) return { filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
  if (url) return { url };
  throw new AppError('unprocessable', 'evidence: give an https link (url) or a file.');
}
