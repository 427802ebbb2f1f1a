'use server';
// Control attestations: attest with a link as evidence, and revoke. Files are uploaded through a route handler
// (app/api/attestations): server-action bodies are small and buffered.
import { revalidatePath } from 'next/cache';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { attestableControls, parseExpiryDay } from './attestation-state.ts';
import { attest, revokeAttestation } from './attestations.ts';
import { CATALOGUE } from './catalogue.ts';

function text(formData: FormData | null, name: string): string {
  const v = formData?.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

function workspaceOf(formData: FormData | null): string {
  const workspaceId = text(formData, 'workspaceId');
  if (!workspaceId) throw new AppError('unprocessable', 'workspaceId: unknown workspace.');
  return workspaceId;
}

/** The expiry day from the form (YYYY-MM-DD, 00:00 UTC). */
function expiryOf(formData: FormData | null): Date {
  const day = text(formData, 'expiresAt');
  if (!day) throw new AppError('unprocessable', 'expiresAt: choose the day the attestation expires.');
  const expiresAt = parseExpiryDay(day);
  if (!expiresAt) throw new AppError('unprocessable', `expiresAt: "${day.slice(0, 40)}" is not a day (YYYY-MM-DD).`);
  return expiresAt;
}

function refresh() {
  revalidatePath('/posture/attestations');
  revalidatePath('/posture');
}

export async function attestWithLinkAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const actor = await authorize('attestations:write');
    const workspaceId = workspaceOf(formData);
    const url = text(formData, 'url');
    if (!url) throw new AppError('unprocessable', 'url: give an https link as evidence (files are uploaded through the form).');
    const controlId = text(formData, 'controlId');
    const { id } = await attest(db(), actor, workspaceId, {
      controlId,
      statement: text(formData, 'statement'),
      expiresAt: expiryOf(formData),
      evidence: { url },
    }, attestableControls(CATALOGUE.controls));
    refresh();
    return { data: { id }, message: `Control ${controlId} attested.` };
  });
}

export async function revokeAttestationAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('attestations:write');
    const workspaceId = workspaceOf(formData);
    const attestationId = text(formData, 'attestationId');
    if (!attestationId) throw new AppError('unprocessable', 'attestationId: unknown attestation.');
    await revokeAttestation(db(), actor, workspaceId, attestationId, { reason: text(formData, 'reason') });
    refresh();
    return { message: 'Revoked: the attestation no longer counts.' };
  });
}
