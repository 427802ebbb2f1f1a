// POST /api/attestations — attest one control of the guide for a workspace.
// A multipart form: workspaceId, controlId, statement, expiresAt (YYYY-MM-DD, 00:00 UTC of that day, at most
// 90 days away), and the evidence: url (https) or file (at most 10 MB, kept with its SHA-256).
import { authorize } from '../../../lib/auth/authorize.ts';
import { db } from '../../../lib/db.ts';
import { AppError } from '../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse, readBody } from '../../../lib/http/route.ts';
import { attestableControls, parseExpiryDay } from '../../../lib/posture/attestation-state.ts';
import { attest, MAX_ATTESTATION_BYTES, type AttestationEvidence } from '../../../lib/posture/attestations.ts';
import { CATALOGUE } from '../../../lib/posture/catalogue.ts';

export const dynamic = 'force-dynamic';

// Room for the form's other fields (the statement is up to 2,000 characters) and multipart boundaries around the largest file.
const FORM_OVERHEAD_BYTES = 64 * 1024;

export async function POST(request: Request) {
  try {
    const actor = await authorize('attestations:write');
    assertSameOrigin(request);
    const form = await readForm(request);
    const workspaceId = text(form, 'workspaceId');
    if (!workspaceId) throw new AppError('bad_request', 'Missing workspaceId.');
    const { id } = await attest(db(), actor, workspaceId, {
      controlId: text(form, 'controlId'),
      statement: text(form, 'statement'),
      expiresAt: expiryOf(form),
      evidence: await evidenceOf(form),
    }, attestableControls(CATALOGUE.controls));
    return Response.json({ id }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The body read up to the size limit first, then parsed (multipart/form-data or urlencoded). */
async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
    throw new AppError('bad_request', 'Send the attestation as multipart/form-data.');
  }
  const body = await readBody(request, MAX_ATTESTATION_BYTES + FORM_OVERHEAD_BYTES);
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

/** The expiry day (YYYY-MM-DD) as 00:00 UTC of that day. */
function expiryOf(form: FormData): Date {
  const day = text(form, 'expiresAt');
  if (!day) throw new AppError('unprocessable', 'expiresAt: choose the day the attestation expires (YYYY-MM-DD).');
  const expiresAt = parseExpiryDay(day);
  if (!expiresAt) throw new AppError('unprocessable', `expiresAt: "${day.slice(0, 40)}" is not a day (YYYY-MM-DD).`);
  return expiresAt;
}

async function evidenceOf(form: FormData): Promise<AttestationEvidence> {
  const url = text(form, 'url');
  const file = form.get('file');
  // A browser sends an unnamed, empty part when no file was chosen.
  const hasFile = file instanceof File && (file.name !== '' || file.size > 0);
  if (url && hasFile) throw new AppError('unprocessable', 'evidence: give either a link (url) or a file, not both.');
  if (hasFile) return { filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
  if (url) return { url };
  throw new AppError('unprocessable', 'evidence: give an https link (url) or a file.');
}
