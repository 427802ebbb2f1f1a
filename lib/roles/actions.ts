'use server';
// The agent role matrix: edit one baseline role (high-risk grants confirmed), import a 6.01 pack to either side.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { readPackUpload } from '../packs/upload.ts';
import { DIMENSIONS, SIDES, type Dimension } from './dimensions.ts';
import { importRolesPack, removeBaselineRole, saveBaselineRole } from './service.ts';

const roleForm = z.object({
  workspaceId: z.string().min(1).max(100),
  originalName: z.string().max(100).optional(),
  name: z.string().trim().min(1, 'A role needs a name.').max(100, 'A role name is at most 100 characters.'),
  description: z.string().max(1000).default(''),
  groupName: z.string().trim().max(256).default(''),
});

export async function saveBaselineRoleAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roles:write');
    const parsed = roleForm.safeParse(Object.fromEntries([...(formData ?? new FormData()).entries()].filter(([, v]) => typeof v === 'string')));
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues[0]!.message);
    const granted = formData.getAll('dimensions').map(String);
    const permissions = Object.fromEntries(DIMENSIONS.map((d) => [d, granted.includes(d)])) as Record<Dimension, boolean>;
    const { workspaceId, originalName, name, description, groupName } = parsed.data;
    await saveBaselineRole(db(), actor, workspaceId, {
      originalName: originalName || undefined,
      role: { name, description, groupName: groupName || null, permissions },
      confirmHighRisk: formData.get('confirmHighRisk') === 'yes',
    });
    revalidatePath('/roles');
    return { message: `Baseline role ${name} saved.` };
  });
}

export async function importRolesPackAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roles:write');
    const parsed = z.object({ workspaceId: z.string().min(1).max(100), side: z.enum(SIDES) }).safeParse({ workspaceId: formData?.get('workspaceId'), side: formData?.get('side') });
    if (!parsed.success) throw new AppError('unprocessable', 'Choose whether the pack is the baseline or an observed export.');
    const upload = await readPackUpload(formData);
    const result = await importRolesPack(db(), actor, parsed.data.workspaceId, { side: parsed.data.side, ...upload, confirmHighRisk: formData.get('confirmHighRisk') === 'yes' });
    revalidatePath('/roles');
    const parts = [`Imported ${result.roles} role(s) from ${upload.filename} as the ${result.side} (${result.created} added, ${result.updated} changed, ${result.removed} removed).`];
    if (result.missingDimensions.length > 0) parts.push(`Read as disabled where the pack says nothing: ${result.missingDimensions.map((m) => `${m.role} (${m.dimensions.join(', ')})`).join('; ')}.`);
    parts.push(result.departuresFromDefault.length === 0
      ? 'It matches the guide’s default baseline.'
      : `Departs from the guide’s default baseline: ${result.departuresFromDefault.map((d) => d.message).join('; ')}.`);
    if (result.side === 'observed') parts.push(`${result.departuresFromBaseline.length} departure(s) from the approved baseline, shown side by side below.`);
    return { message: parts.join(' ') };
  });
}

export async function removeBaselineRoleAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('roles:write');
    const parsed = z.object({ workspaceId: z.string().min(1).max(100), name: z.string().min(1).max(100) }).safeParse({ workspaceId: formData?.get('workspaceId'), name: formData?.get('name') });
    if (!parsed.success) throw new AppError('unprocessable', 'Unknown role.');
    await removeBaselineRole(db(), actor, parsed.data.workspaceId, parsed.data.name);
    revalidatePath('/roles');
    return { message: `Baseline role ${parsed.data.name} removed.` };
  });
}
