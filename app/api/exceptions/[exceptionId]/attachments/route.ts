// POST /api/exceptions/:exceptionId/attachments?ws=… — add evidence to an exception: a multipart form with the
// file in `file` (at most 10 MB, kept with its SHA-256) or an https link in `url`, like every evidence upload.
import { formEvidence, readAttachmentForm } from '../../../../../lib/attachments/form.ts';
import { authorize } from '../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../lib/db.ts';
import { addAttachment } from '../../../../../lib/exceptions/service.ts';
import { AppError } from '../../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse } from '../../../../../lib/http/route.ts';
import { uploadAnswer } from '../../../../../lib/http/upload-answer.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ exceptionId?: string }> }) {
  const answer = uploadAnswer(request);
  try {
    const actor = { ...(await authorize('exceptions:request')), requestId: answer.requestId };
    assertSameOrigin(request);
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { exceptionId } = await params;
    if (!workspaceId || !exceptionId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the exception id.');
    const form = await readAttachmentForm(request, 'attachment');
    const { id } = await addAttachment(db(), actor, workspaceId, exceptionId, await formEvidence(form));
    return answer(Response.json({ id }, { status: 201 }));
  } catch (error) {
    return answer(errorResponse(error));
  }
}
