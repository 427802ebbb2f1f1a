// GET /api/checklist/signoffs/:signoffId/evidence?ws=… — a sign-off's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '../../../../../../lib/attachments/download.ts';
import { storedFile } from '../../../../../../lib/attachments/queries.ts';
import { authorize } from '../../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../../lib/db.ts';
import { AppError } from '../../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ signoffId?: string }> }) {
  try {
    await authorize('reviews:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { signoffId } = await params;
    if (!workspaceId || !signoffId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the sign-off id.');
    return attachmentDownload(await storedFile(db(), { home: 'checklistSignoff', workspaceId, id: signoffId }), 'evidence');
  } catch (error) {
    return errorResponse(error);
  }
}
