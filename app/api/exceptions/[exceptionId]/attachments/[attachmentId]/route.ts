// GET /api/exceptions/:exceptionId/attachments/:attachmentId?ws=… — an evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '../../../../../../lib/attachments/download.ts';
import { storedFile } from '../../../../../../lib/attachments/queries.ts';
import { authorize } from '../../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../../lib/db.ts';
import { AppError } from '../../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ exceptionId?: string; attachmentId?: string }> }) {
  try {
    await authorize('exceptions:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { exceptionId, attachmentId } = await params;
    if (!workspaceId || !exceptionId || !attachmentId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the attachment id.');
    return attachmentDownload(await storedFile(db(), { home: 'exceptionAttachment', workspaceId, exceptionId, id: attachmentId }), 'attachment');
  } catch (error) {
    return errorResponse(error);
  }
}
