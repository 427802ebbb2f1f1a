'use server';
// CAB exceptions: request, approve, reject, revoke, add a link. Files are uploaded through a route handler
// (app/api/exceptions/[exceptionId]/attachments): server-action bodies are small and buffered.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { parseReviewDate } from './rules.ts';
import { addAttachment, approveException, rejectException, requestException, revokeException } from './service.ts';

const ids = z.object({ workspaceId: z.string().min(1).max(100), exceptionId: z.string().min(1).max(100) });

function text(formData: FormData | null, name: string): string {
  const v = formData?.get(name);
  return typeof v === 'string' ? v : '';
}

function lines(value: string): string[] {
  return value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

function target(formData: FormData | null) {
  const parsed = ids.safeParse({ workspaceId: text(formData, 'workspaceId'), exceptionId: text(formData, 'exceptionId') });
  if (!parsed.success) throw new AppError('unprocessable', 'Unknown exception.');
  return parsed.data;
}

function decision(formData: FormData | null) {
  const review = text(formData, 'reviewAt');
  return { note: text(formData, 'note'), ...(review ? { reviewAt: parseReviewDate(review) } : {}) };
}

function refresh(exceptionId?: string) {
  revalidatePath('/exceptions');
  if (exceptionId) revalidatePath(`/exceptions/${exceptionId}`);
  revalidatePath('/findings');
  revalidatePath('/agents');
  revalidatePath('/');
}

export async function requestExceptionAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return actionResult(async () => {
    const actor = await authorize('exceptions:request');
    const workspaceId = text(formData, 'workspaceId');
    if (!workspaceId) throw new AppError('unprocessable', 'Unknown workspace.');
    const kind = text(formData, 'scopeKind');
    const scope =
      kind === 'role_bit' ? { kind, bit: text(formData, 'bit'), people: lines(text(formData, 'people').replace(/[,;]/g, '\n')) }
        : kind === 'action_control' ? { kind, appId: text(formData, 'appId'), mode: text(formData, 'mode') }
          : kind === 'trifecta' ? { kind, agentId: text(formData, 'agentId') }
          : kind === 'control_na' ? { kind, controlId: text(formData, 'controlId') }
          : kind === 'approval_gate' ? { kind, agentId: text(formData, 'agentId'), categories: lines(text(formData, 'categories').replace(/[,;]/g, '\n')) }
            : { kind };
    const review = text(formData, 'reviewAt');
    const { id } = await requestException(db(), actor, workspaceId, {
      title: text(formData, 'title'),
      businessCase: text(formData, 'businessCase'),
      scope,
      findingKeys: formData?.getAll('findingKeys').map(String) ?? [],
      cabTicket: text(formData, 'cabTicket'),
      reviewAt: review ? parseReviewDate(review) : undefined,
      links: lines(text(formData, 'links')),
    });
    refresh();
    return { data: { id }, message: 'Exception requested: a CISO decides it.' };
  });
}

export async function approveExceptionAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('exceptions:approve');
    const { workspaceId, exceptionId } = target(formData);
    await approveException(db(), actor, workspaceId, exceptionId, decision(formData));
    refresh(exceptionId);
    return { message: 'Approved: the exception is in force until its review date.' };
  });
}

export async function rejectExceptionAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('exceptions:approve');
    const { workspaceId, exceptionId } = target(formData);
    await rejectException(db(), actor, workspaceId, exceptionId, { note: text(formData, 'note') });
    refresh(exceptionId);
    return { message: 'Rejected.' };
  });
}

export async function revokeExceptionAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('exceptions:approve');
    const { workspaceId, exceptionId } = target(formData);
    await revokeException(db(), actor, workspaceId, exceptionId, { note: text(formData, 'note') });
    refresh(exceptionId);
    return { message: 'Revoked: the findings it covered are open again.' };
  });
}

export async function addLinkAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('exceptions:request');
    const { workspaceId, exceptionId } = target(formData);
    await addAttachment(db(), actor, workspaceId, exceptionId, { url: text(formData, 'url') });
    refresh(exceptionId);
    return { message: 'Link added.' };
  });
}
