'use server';
// The app catalogue: profile, add/edit/remove entries. Every change is a new audited catalogue version.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { isLeg } from './legs.ts';
import { parseActionLines } from './action-lines.ts';
import { removeCatalogueApp, saveCatalogueApp, setCatalogueProfile } from './service.ts';

const PROFILE_MESSAGE = 'Choose the guide or strict profile.';
const profileForm = z.object({
  workspaceId: field.id(PROFILE_MESSAGE),
  profile: z.enum(['guide', 'strict'], { error: PROFILE_MESSAGE }),
});

export const setProfileAction = formAction('apps:write', profileForm, async ({ actor, db, input }) => {
  const { reclassified } = await setCatalogueProfile(db, actor, input.workspaceId, input.profile);
  revalidatePath('/apps');
  revalidatePath('/agents');
  return { message: `Now using the ${input.profile} profile; ${reclassified} agent(s) reclassified.` };
});

const appForm = z.object({
  workspaceId: field.id('Unknown workspace.'),
  id: field.text(),
  name: field.text(),
  aliases: field.text(),
  legs: field.list(),
  actions: field.text(),
  originalId: field.text(),
});

export const saveAppAction = formAction('apps:write', appForm, async ({ actor, db, input }) => {
  let actions: ReturnType<typeof parseActionLines>;
  try {
    actions = parseActionLines(input.actions);
  } catch (error) {
    throw new AppError('unprocessable', (error as Error).message);
  }
  const app = {
    id: input.id.trim(),
    name: input.name.trim(),
    aliases: input.aliases
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    legs: input.legs.filter(isLeg),
    actions,
  };
  const { reclassified } = await saveCatalogueApp(db, actor, input.workspaceId, app, input.originalId || undefined);
  revalidatePath('/apps');
  revalidatePath('/agents');
  return { message: `${app.name} saved; ${reclassified} agent(s) reclassified.` };
});

const removeForm = z.object({ workspaceId: field.id('Unknown app.'), appId: field.id('Unknown app.', Infinity) });

export const removeAppAction = formAction('apps:write', removeForm, async ({ actor, db, input }) => {
  const { reclassified } = await removeCatalogueApp(db, actor, input.workspaceId, input.appId);
  revalidatePath('/apps');
  revalidatePath('/agents');
  return { message: `${input.appId} removed; ${reclassified} agent(s) reclassified.` };
});
