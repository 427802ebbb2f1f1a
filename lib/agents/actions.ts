'use server';
// Agents: discarding a previewed import (upload and commit are route handlers: they stream).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { discardImport } from './import/service.ts';

const importForm = z.object({
  workspaceId: field.id('Unknown import.', Infinity),
  importId: field.id('Unknown import.', Infinity),
});

export const discardImportAction = formAction('agents:write', importForm, async ({ actor, db, input }) => {
  await discardImport(db, actor, input.workspaceId, input.importId);
  revalidatePath('/agents/import');
  return { message: 'Import discarded: nothing was changed.' };
});
