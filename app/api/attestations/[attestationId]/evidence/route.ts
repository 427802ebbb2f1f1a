// GET /api/attestations/:attestationId/evidence?ws=… — an attestation's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { authorize } from '../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../lib/db.ts';
import { AppError } from '../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../lib/http/route.ts';
import { fileDownload } from '../../../../../lib/http/downloads.ts';
import { attestationEvidence } from '../../../../../lib/posture/attestations.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ attestationId?: string }> }) {
  try {
    await authorize('posture:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { attestationId } = await params;
    if (!workspaceId || !attestationId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the attestation id.');
    const file = await attestationEvidence(db(), workspaceId, attestationId);
    if (!file?.content) throw new AppError('not_found', 'No such file.');
    return fileDownload({ ...file, content: file.content }, 'evidence');
  } catch (error) {
    return errorResponse(error);
  }
}
