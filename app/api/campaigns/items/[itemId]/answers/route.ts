// POST /api/campaigns/items/:itemId/answers?ws=… — a GRC user records the answer of an item's owner who is not a
// Tollgate user: a multipart form with decision, reason, reassignTo and the evidence, a file in `file` (at most
// 10 MB, kept with its SHA-256) or an https link in `url`, like every evidence upload (decision 0019).
import { formEvidence, formText, readAttachmentForm } from '@/lib/attachments/form.ts';
import { recordOwnerAnswer } from '@/lib/campaigns/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

type Params = { itemId?: string };

export const POST = withRoute<Params, 'required'>(
  'campaigns:manage',
  async ({ actor, db, request, params, workspaceId }) => {
    if (!params.itemId) throw new AppError('bad_request', 'Missing the item id.');
    const form = await readAttachmentForm(request, 'answer');
    const result = await recordOwnerAnswer(db, actor, workspaceId, params.itemId, {
      decision: formText(form, 'decision'),
      reason: formText(form, 'reason'),
      reassignTo: formText(form, 'reassignTo'),
      evidence: await formEvidence(form),
    });
    return Response.json(
      { id: result.answerId, decision: result.decision, completed: result.completed },
      { status: 201 },
    );
  },
  { ws: 'required', upload: true },
);
