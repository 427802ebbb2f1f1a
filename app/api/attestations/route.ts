// POST /api/attestations — attest one control of the guide for a workspace.
// A multipart form: workspaceId, controlId, statement, expiresAt (YYYY-MM-DD, 00:00 UTC of that day, at most
// 90 days away), and the evidence: url (https) or file (at most 10 MB, kept with its SHA-256).
import { formEvidence, formText, readAttachmentForm } from '@/lib/attachments/form.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { attestableControls, parseExpiryDay } from '@/lib/posture/attestation-state.ts';
import { attest } from '@/lib/posture/attestations.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';

export const dynamic = 'force-dynamic';

export const POST = withRoute(
  'attestations:write',
  async ({ actor, db, request }) => {
    const form = await readAttachmentForm(request, 'attestation');
    const workspaceId = formText(form, 'workspaceId');
    if (!workspaceId) throw new AppError('bad_request', 'Missing workspaceId.');
    const { id } = await attest(
      db,
      actor,
      workspaceId,
      {
        controlId: formText(form, 'controlId'),
        statement: formText(form, 'statement'),
        expiresAt: expiryOf(form),
        evidence: await formEvidence(form),
      },
      attestableControls(CATALOGUE.controls),
    );
    return Response.json({ id }, { status: 201 });
  },
  { upload: true },
);

/** The expiry day (YYYY-MM-DD) as 00:00 UTC of that day. */
function expiryOf(form: FormData): Date {
  const day = formText(form, 'expiresAt');
  if (!day) throw new AppError('unprocessable', 'expiresAt: choose the day the attestation expires (YYYY-MM-DD).');
  const expiresAt = parseExpiryDay(day);
  if (!expiresAt) throw new AppError('unprocessable', `expiresAt: "${day.slice(0, 40)}" is not a day (YYYY-MM-DD).`);
  return expiresAt;
}
