// POST /api/checklist/signoffs — sign one step of the pre-launch checklist (6.7) for a workspace.
// A multipart form: workspaceId, step, note, and the evidence: url (https) or file (at most 10 MB, kept with its
// SHA-256).
import { formEvidence, formText, readAttachmentForm } from '@/lib/attachments/form.ts';
import { signStep } from '@/lib/checklist/service.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'reviews:decide',
  async ({ actor, db, request }) => {
    const form = await readAttachmentForm(request, 'sign-off');
    const workspaceId = formText(form, 'workspaceId');
    if (!workspaceId) throw new AppError('bad_request', 'Missing workspaceId.');
    const { id } = await signStep(db, actor, workspaceId, {
      step: Number(formText(form, 'step')),
      note: formText(form, 'note'),
      evidence: await formEvidence(form),
    });
    return Response.json({ id }, { status: 201 });
  },
  { upload: true },
);
