// GET /api/checklist/signoffs/:signoffId/evidence?ws=… — a sign-off's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { authorize } from '../../../../../../lib/auth/authorize.ts';
import { signoffEvidence } from '../../../../../../lib/checklist/service.ts';
import { db } from '../../../../../../lib/db.ts';
import { AppError } from '../../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../../lib/http/route.ts';
import { fileDownload } from '../../../../../../lib/http/downloads.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ signoffId?: string }> }) {
  try {
    await authorize('reviews:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { signoffId } = await params;
    if (!workspaceId || !signoffId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the sign-off id.');
    const file = await signoffEvidence(db(), workspaceId, signoffId);
    if (!file?.content) throw new AppError('not_found', 'No such file.');
    return fileDownload({ ...file, content: file.content }, 'evidence');
  } catch (error) {
    return errorResponse(error);
  }
}
