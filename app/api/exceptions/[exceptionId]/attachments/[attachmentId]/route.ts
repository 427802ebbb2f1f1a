// GET /api/exceptions/:exceptionId/attachments/:attachmentId?ws=… — an evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '@/lib/attachments/download.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { exceptionId?: string; attachmentId?: string };

export const GET = withRoute<Params, 'required'>(
  'exceptions:read',
  async ({ db, params, workspaceId }) => {
    const { exceptionId, attachmentId } = params;
    if (!exceptionId || !attachmentId) throw new AppError('bad_request', 'Missing the attachment id.');
    const file = await storedFile(db, { home: 'exceptionAttachment', workspaceId, exceptionId, id: attachmentId });
    return attachmentDownload(file, 'attachment');
  },
  { ws: 'required' },
);
