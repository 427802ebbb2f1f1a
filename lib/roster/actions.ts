'use server';
// Roster: committing or discarding a previewed members import, re-attesting owners and admins (1.4).
// The upload itself is a route handler (app/api/roster/imports): file bodies are too large for actions.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { attestMembers } from './attest.ts';
import { commitMemberImport, discardMemberImport } from './import/service.ts';

const UNKNOWN = 'Unknown import.';
const importForm = z.object({
  workspaceId: field.id(UNKNOWN, 200),
  importId: field.id(UNKNOWN, 200),
  skipInvalid: z.literal('on', { error: UNKNOWN }).optional(),
});

export const commitMemberImportAction = formAction('roster:write', importForm, async ({ actor, db, input }) => {
  const outcome = await commitMemberImport(db, actor, input.workspaceId, input.importId, {
    skipInvalid: input.skipInvalid === 'on',
  });
  revalidatePath('/roles/members', 'layout');
  return {
    message: `Imported: ${outcome.created} new, ${outcome.changed} changed, ${outcome.removed} marked removed.`,
  };
});

export const discardMemberImportAction = formAction('roster:write', importForm, async ({ actor, db, input }) => {
  await discardMemberImport(db, actor, input.workspaceId, input.importId);
  revalidatePath('/roles/members/import', 'layout');
  return { message: 'Import discarded: nothing was changed.' };
});

const CHOOSE = 'Choose at least one owner or admin to re-attest.';
const attestForm = z.object({
  workspaceId: field.id(CHOOSE, 200),
  memberId: field.list().pipe(z.array(z.string().min(1, CHOOSE).max(200, CHOOSE)).min(1, CHOOSE).max(5000, CHOOSE)),
});

export const attestMembersAction = formAction('roster:attest', attestForm, async ({ actor, db, input }) => {
  const { attested } = await attestMembers(db, actor, input.workspaceId, input.memberId);
  revalidatePath('/roles/members');
  return { message: `Re-attested ${attested} ${attested === 1 ? 'person' : 'people'} as ${actor.label}.` };
});
