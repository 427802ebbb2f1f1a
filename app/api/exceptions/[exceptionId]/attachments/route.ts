// POST /api/exceptions/:exceptionId/attachments?ws=… — add a file as evidence (the raw file as the body,
// its name in X-Filename), at most 10 MB, kept with its SHA-256.
import { authorize } from '../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../lib/db.ts';
import { addAttachment } from '../../../../../lib/exceptions/service.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../../../lib/exceptions/schemas.ts';
import { AppError } from '../../../../../lib/http/app-error.ts';
import { assertSameOrigin, errorResponse, readBody } from '../../../../../lib/http/route.ts';
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
    let filename: string;
    try {
      filename = decodeURIComponent(request.headers.get('x-filename') ?? '');
    } catch {
      throw new AppError('bad_request', 'X-Filename is not valid.');
    }
    if (!filename) throw new AppError('bad_request', 'Missing X-Filename.');
    const content = await readBody(request, MAX_ATTACHMENT_BYTES);
    const { id } = await addAttachment(db(), actor, workspaceId, exceptionId, { file: { filename, contentType: request.headers.get('content-type'), content } });
    return answer(Response.json({ id }, { status: 201 }));
  } catch (error) {
    return answer(errorResponse(error));
  }
}
