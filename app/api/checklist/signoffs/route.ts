// POST /api/checklist/signoffs — sign one step of the pre-launch checklist (6.7) for a workspace.
// A multipart form: workspaceId, step, note, and the evidence: url (https) or file (at most 10 MB, kept with its SHA-256).
import { authorize } from '../../../../lib/auth/authorize.ts';
import { signStep } from '../../../../lib/checklist/service.ts';
import { db } from '../../../../lib/db.ts';
import { formEvidence, formText, readAttachmentForm } from '../../../../lib/attachments/form.ts';
import { AppError } from '../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse } from '../../../../lib/http/route.ts';
import { uploadAnswer } from '../../../../lib/http/upload-answer.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const answer = uploadAnswer(request);
  try {
    const actor = { ...(await authorize('reviews:decide')), requestId: answer.requestId };
    assertSameOrigin(request);
    const form = await readAttachmentForm(request, 'sign-off');
    const workspaceId = formText(form, 'workspaceId');
    if (!workspaceId) throw new AppError('bad_request', 'Missing workspaceId.');
    const { id } = await signStep(db(), actor, workspaceId, { step: Number(formText(form, 'step')), note: formText(form, 'note'), evidence: await formEvidence(form) });
    return answer(Response.json({ id }, { status: 201 }));
  } catch (error) {
    return answer(errorResponse(error));
  }
}
