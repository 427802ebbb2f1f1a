// GET /api/attestations/:attestationId/evidence?ws=… — an attestation's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '../../../../../lib/attachments/download.ts';
import { storedFile } from '../../../../../lib/attachments/queries.ts';
import { authorize } from '../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../lib/db.ts';
import { AppError } from '../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ attestationId?: string }> }) {
  try {
    await authorize('posture:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { attestationId } = await params;
    if (!workspaceId || !attestationId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the attestation id.');
    return attachmentDownload(await storedFile(db(), { home: 'attestation', workspaceId, id: attestationId }), 'evidence');
  } catch (error) {
    return errorResponse(error);
  }
}
