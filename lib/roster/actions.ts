'use server';
// Roster: committing or discarding a previewed members import, re-attesting owners and admins (1.4).
// The upload itself is a route handler (app/api/roster/imports): file bodies are too large for actions.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { attestMembers } from './attest.ts';
import { commitMemberImport, discardMemberImport } from './import/service.ts';

const importForm = z.object({ workspaceId: z.string().min(1).max(200), importId: z.string().min(1).max(200), skipInvalid: z.literal('on').optional() });

export async function commitMemberImportAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roster:write');
    const parsed = importForm.safeParse(Object.fromEntries(formData ?? []));
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown import.');
    const outcome = await commitMemberImport(db(), actor, parsed.data.workspaceId, parsed.data.importId, { skipInvalid: parsed.data.skipInvalid === 'on' });
    revalidatePath('/roles/members', 'layout');
    return { message: `Imported: ${outcome.created} new, ${outcome.changed} changed, ${outcome.removed} marked removed.` };
  });
}

export async function discardMemberImportAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roster:write');
    const parsed = importForm.safeParse(Object.fromEntries(formData ?? []));
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown import.');
    await discardMemberImport(db(), actor, parsed.data.workspaceId, parsed.data.importId);
    revalidatePath('/roles/members/import', 'layout');
    return { message: 'Import discarded: nothing was changed.' };
  });
}

export async function attestMembersAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roster:attest');
    const parsed = z.object({ workspaceId: z.string().min(1).max(200), memberIds: z.array(z.string().min(1).max(200)).min(1).max(5000) })
      .safeParse({ workspaceId: formData?.get('workspaceId'), memberIds: formData?.getAll('memberId') });
    if (!parsed.success) throw new AppError('unprocessable', 'Choose at least one owner or admin to re-attest.');
    const { attested } = await attestMembers(db(), actor, parsed.data.workspaceId, parsed.data.memberIds);
    revalidatePath('/roles/members');
    return { message: `Re-attested ${attested} ${attested === 1 ? 'person' : 'people'} as ${actor.label}.` };
  });
}
