// GET /api/campaigns/answers/:answerId?ws=… — the evidence file of an owner's answer, only ever as a download:
// never rendered by the browser whatever its content (octet-stream, attachment, nosniff).
import { attachmentDownload } from '@/lib/attachments/download.ts';
import { storedFile } from '@/lib/attachments/queries.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { answerId?: string };

export const GET = withRoute<Params, 'required'>(
  'campaigns:read',
  async ({ db, params, workspaceId }) => {
    if (!params.answerId) throw new AppError('bad_request', 'Missing the answer id.');
    const file = await storedFile(db, { home: 'campaignAnswer', workspaceId, id: params.answerId });
    return attachmentDownload(file, 'answer');
  },
  { ws: 'required' },
);
