'use server';
// Connector action control: edit one app's baseline control, import a 6.02 pack to either side.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { readPackUpload } from '../packs/upload.ts';
import { SIDES } from '../roles/dimensions.ts';
import { importControlsPack, saveBaselineControl } from './service.ts';
import { MODES, NEW_ACTION_DEFAULTS, packKeyOf } from './types.ts';

const controlForm = z.object({
  workspaceId: z.string().min(1).max(100),
  appId: z.string().trim().min(1).max(300),
  mode: z.enum(MODES, { error: 'Choose allow_all, read_only or custom.' }),
  newActionsDefault: z.enum(NEW_ACTION_DEFAULTS, { error: 'Choose deny or allow for new actions.' }),
});

/** Checkbox values, plus any names typed in a free-text field (MCP servers), split on commas and spaces. */
function actionNames(formData: FormData, field: string): string[] {
  const typed = String(formData.get(`${field}Text`) ?? '').split(/[\s,]+/);
  return [...formData.getAll(field).map(String), ...typed].map((a) => a.trim()).filter(Boolean).slice(0, 500);
}

export async function saveBaselineControlAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('apps:write');
    const parsed = controlForm.safeParse({ workspaceId: formData?.get('workspaceId'), appId: formData?.get('appId'), mode: formData?.get('mode'), newActionsDefault: formData?.get('newActionsDefault') });
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues[0]!.message);
    const { workspaceId, appId, mode, newActionsDefault } = parsed.data;
    const custom = mode === 'custom';
    await saveBaselineControl(db(), actor, workspaceId, {
      appId, enabled: formData.get('enabled') === 'yes', mode, newActionsDefault,
      allowedActions: custom ? actionNames(formData, 'allowed') : [],
      deniedActions: custom ? actionNames(formData, 'denied') : [],
    });
    revalidatePath('/apps/action-control');
    return { message: `Baseline action control for ${packKeyOf(appId)} saved.` };
  });
}

export async function importControlsPackAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('apps:write');
    const parsed = z.object({ workspaceId: z.string().min(1).max(100), side: z.enum(SIDES) }).safeParse({ workspaceId: formData?.get('workspaceId'), side: formData?.get('side') });
    if (!parsed.success) throw new AppError('unprocessable', 'Choose whether the pack is the baseline or an observed export.');
    const upload = await readPackUpload(formData);
    const result = await importControlsPack(db(), actor, parsed.data.workspaceId, { side: parsed.data.side, ...upload });
    revalidatePath('/apps/action-control');
    revalidatePath('/agents');
    const parts = [`Imported ${result.apps} app(s) from ${upload.filename} as the ${result.side} (${result.created} added, ${result.updated} changed, ${result.removed} removed).`];
    if (result.side === 'observed') {
      parts.push(`${result.departuresFromBaseline.length} departure(s) from the approved baseline, shown side by side below; ${result.reclassified} agent(s) reclassified.`);
    }
    return { message: parts.join(' ') };
  });
}
