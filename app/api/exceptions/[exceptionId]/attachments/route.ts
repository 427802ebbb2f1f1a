// POST /api/exceptions/:exceptionId/attachments?ws=… — add evidence to an exception: a multipart form with the
// file in `file` (at most 10 MB, kept with its SHA-256) or an https link in `url`, like every evidence upload.
import { formEvidence, readAttachmentForm } from '@/lib/attachments/form.ts';
import { addAttachment } from '@/lib/exceptions/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { exceptionId?: string };

export const POST = withRoute<Params, 'required'>(
  'exceptions:request',
  async (ctx) => {
    const { actor, db, request, params, workspaceId } = ctx;
    if (!params.exceptionId) throw new AppError('bad_request', 'Missing the exception id.');
    const form = await readAttachmentForm(request, 'attachment');
    const { id } = await addAttachment(db, actor, workspaceId, params.exceptionId, await formEvidence(form));
    return Response.json({ id }, { status: 201 });
  },
  { ws: 'required', upload: true },
);
