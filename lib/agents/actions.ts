'use server';
// Agents: discarding a previewed import (upload and commit are route handlers: they stream).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { discardImport } from './import/service.ts';

export async function discardImportAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('agents:write');
    const parsed = z.object({ workspaceId: z.string().min(1), importId: z.string().min(1) }).safeParse(Object.fromEntries(formData ?? []));
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown import.');
    await discardImport(db(), actor, parsed.data.workspaceId, parsed.data.importId);
    revalidatePath('/agents/import');
    return { message: 'Import discarded: nothing was changed.' };
  });
}
