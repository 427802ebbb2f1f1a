// GET /api/exceptions/:exceptionId/attachments/:attachmentId?ws=… — an evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { authorize } from '../../../../../../lib/auth/authorize.ts';
import { db } from '../../../../../../lib/db.ts';
import { attachmentFile } from '../../../../../../lib/exceptions/queries.ts';
import { AppError } from '../../../../../../lib/http/app-error.ts';
import { errorResponse } from '../../../../../../lib/http/route.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ exceptionId?: string; attachmentId?: string }> }) {
  try {
    await authorize('exceptions:read');
    const workspaceId = new URL(request.url).searchParams.get('ws');
    const { exceptionId, attachmentId } = await params;
    if (!workspaceId || !exceptionId || !attachmentId) throw new AppError('bad_request', 'Missing ws (the workspace id) or the attachment id.');
    const file = await attachmentFile(db(), workspaceId, exceptionId, attachmentId);
    if (!file?.content) throw new AppError('not_found', 'No such file.');
    const ascii = (file.filename ?? 'attachment').replace(/[^\x20-\x7e]|["\\]/g, '_');
    return new Response(new Uint8Array(file.content), {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename ?? 'attachment')}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': String(file.content.length),
        'Cache-Control': 'private, no-store',
        // RFC 9530: the stored SHA-256, so a downloader can check the bytes against the evidence record.
        ...(file.sha256 ? { 'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:` } : {}),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
