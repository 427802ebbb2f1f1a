'use server';
// Control attestations: attest with a link as evidence, and revoke. Files are uploaded through a route handler
// (app/api/attestations): server-action bodies are small and buffered.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { attestableControls, parseExpiryDay } from './attestation-state.ts';
import { attest, revokeAttestation } from './attestations.ts';
import { CATALOGUE } from './catalogue.ts';

// Only the workspace is checked by the schema: the other fields are checked one at a time below and by the
// service, so a form shows the first thing to fix, named by its field.
const text = () => field.text().transform((s) => s.trim());
const workspaceId = field.id('workspaceId: unknown workspace.');
const attestSchema = z.object({ workspaceId, controlId: text(), statement: text(), expiresAt: text(), url: text() });
const revokeSchema = z.object({ workspaceId, attestationId: text(), reason: text() });

/** The expiry day from the form (YYYY-MM-DD, 00:00 UTC). */
function expiryOf(day: string): Date {
  if (!day) throw new AppError('unprocessable', 'expiresAt: choose the day the attestation expires.');
  const expiresAt = parseExpiryDay(day);
  if (!expiresAt) throw new AppError('unprocessable', `expiresAt: "${day.slice(0, 40)}" is not a day (YYYY-MM-DD).`);
  return expiresAt;
}

function refresh() {
  revalidatePath('/posture/attestations');
  revalidatePath('/posture');
}

export const attestWithLinkAction = formAction('attestations:write', attestSchema, async ({ actor, db, input }) => {
  if (!input.url) {
    throw new AppError('unprocessable', 'url: give an https link as evidence (files are uploaded through the form).');
  }
  const { id } = await attest(
    db,
    actor,
    input.workspaceId,
    {
      controlId: input.controlId,
      statement: input.statement,
      expiresAt: expiryOf(input.expiresAt),
      evidence: { url: input.url },
    },
    attestableControls(CATALOGUE.controls),
  );
  refresh();
  return { data: { id }, message: `Control ${input.controlId} attested.` };
});

export const revokeAttestationAction = formAction('attestations:write', revokeSchema, async ({ actor, db, input }) => {
  if (!input.attestationId) throw new AppError('unprocessable', 'attestationId: unknown attestation.');
  await revokeAttestation(db, actor, input.workspaceId, input.attestationId, { reason: input.reason });
  refresh();
  return { message: 'Revoked: the attestation no longer counts.' };
});
