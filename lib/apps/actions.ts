'use server';
// The app catalogue: profile, add/edit/remove entries. Every change is a new audited catalogue version.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { isLeg } from './legs.ts';
import { parseActionLines } from './action-lines.ts';
import { removeCatalogueApp, saveCatalogueApp, setCatalogueProfile } from './service.ts';

const ids = z.object({ workspaceId: z.string().min(1).max(100) });

function fields(formData: FormData) {
  return Object.fromEntries(formData ?? []) as Record<string, string>;
}

export async function setProfileAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('apps:write');
    const parsed = ids.extend({ profile: z.enum(['guide', 'strict']) }).safeParse(fields(formData));
    if (!parsed.success) throw new AppError('unprocessable', 'Choose the guide or strict profile.');
    const { reclassified } = await setCatalogueProfile(db(), actor, parsed.data.workspaceId, parsed.data.profile);
    revalidatePath('/apps');
    revalidatePath('/agents');
    return { message: `Now using the ${parsed.data.profile} profile; ${reclassified} agent(s) reclassified.` };
  });
}

export async function saveAppAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('apps:write');
    const f = fields(formData);
    const parsed = ids.safeParse(f);
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown workspace.');
    let actions;
    try {
      actions = parseActionLines(f.actions ?? '');
    } catch (error) {
      throw new AppError('unprocessable', (error as Error).message);
    }
    const app = {
      id: (f.id ?? '').trim(),
      name: (f.name ?? '').trim(),
      aliases: (f.aliases ?? '').split(',').map((a) => a.trim()).filter(Boolean),
      legs: formData.getAll('legs').map(String).filter(isLeg),
      actions,
    };
    const { reclassified } = await saveCatalogueApp(db(), actor, parsed.data.workspaceId, app, f.originalId || undefined);
    revalidatePath('/apps');
    revalidatePath('/agents');
    return { message: `${app.name} saved; ${reclassified} agent(s) reclassified.` };
  });
}

export async function removeAppAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('apps:write');
    const parsed = ids.extend({ appId: z.string().min(1) }).safeParse(fields(formData));
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown app.');
    const { reclassified } = await removeCatalogueApp(db(), actor, parsed.data.workspaceId, parsed.data.appId);
    revalidatePath('/apps');
    revalidatePath('/agents');
    return { message: `${parsed.data.appId} removed; ${reclassified} agent(s) reclassified.` };
  });
}
