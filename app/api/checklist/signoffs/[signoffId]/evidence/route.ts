// GET /api/checklist/signoffs/:signoffId/evidence?ws=… — a sign-off's evidence file, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '@/lib/attachments/download.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { signoffId?: string };

export const GET = withRoute<Params, 'required'>(
  'reviews:read',
  async ({ db, params, workspaceId }) => {
    if (!params.signoffId) throw new AppError('bad_request', 'Missing the sign-off id.');
    const file = await storedFile(db, { home: 'checklistSignoff', workspaceId, id: params.signoffId });
    return attachmentDownload(file, 'evidence');
  },
  { ws: 'required' },
);
