// GET /api/exceptions/:exceptionId/attachments/:attachmentId?ws=… — an evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { authorize } from '../../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../../lib/db.ts';
import { attachmentFile } from '../../../../../../lib/exceptions/queries.ts';
import { AppError } from '../../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../../lib/http/route.ts';
import { fileDownload } from '../../../../../../lib/http/downloads.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ exceptionId?: string; attachmentId?: string }> }) {
  try {
    await authorize('exceptions:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { exceptionId, attachmentId } = await params;
    if (!workspaceId || !exceptionId || !attachmentId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the attachment id.');
    const file = await attachmentFile(db(), workspaceId, exceptionId, attachmentId);
    if (!file?.content) throw new AppError('not_found', 'No such file.');
    return fileDownload({ ...file, content: file.content }, 'attachment');
  } catch (error) {
    return errorResponse(error);
  }
}
