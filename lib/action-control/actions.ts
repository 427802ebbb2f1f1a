'use server';
// Connector action control: edit one app's baseline control, import a 6.02 pack to either side.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { readPackUpload } from '@/lib/packs/upload.ts';
import { SIDES } from '@/lib/roles/dimensions.ts';
import { importControlsPack, saveBaselineControl } from './service.ts';
import { MODES, NEW_ACTION_DEFAULTS, packKeyOf } from './types.ts';

const controlForm = z.object({
  workspaceId: z.string().min(1).max(100),
  appId: z.string().trim().min(1).max(300),
  mode: z.enum(MODES, { error: 'Choose allow_all, read_only or custom.' }),
  newActionsDefault: z.enum(NEW_ACTION_DEFAULTS, { error: 'Choose deny or allow for new actions.' }),
  enabled: field.checkbox(),
  allowed: field.list(),
  allowedText: field.text(),
  denied: field.list(),
  deniedText: field.text(),
});

/** Checkbox values, plus any names typed in a free-text field (MCP servers), split on commas and spaces. */
function actionNames(checked: string[], typed: string): string[] {
  return [...checked, ...typed.split(/[\s,]+/)]
    .map((a) => a.trim())
    .filter(Boolean)
    .slice(0, 500);
}

export const saveBaselineControlAction = formAction('apps:write', controlForm, async ({ actor, db, input }) => {
  const { workspaceId, appId, mode, newActionsDefault } = input;
  const custom = mode === 'custom';
  await saveBaselineControl(db, actor, workspaceId, {
    appId,
    enabled: input.enabled,
    mode,
    newActionsDefault,
    allowedActions: custom ? actionNames(input.allowed, input.allowedText) : [],
    deniedActions: custom ? actionNames(input.denied, input.deniedText) : [],
  });
  revalidatePath('/apps/action-control');
  return { message: `Baseline action control for ${packKeyOf(appId)} saved.` };
});

const SIDE_MESSAGE = 'Choose whether the pack is the baseline or an observed export.';
const packForm = z.object({ workspaceId: field.id(SIDE_MESSAGE), side: z.enum(SIDES, { error: SIDE_MESSAGE }) });

export const importControlsPackAction = formAction('apps:write', packForm, async ({ actor, db, input, formData }) => {
  const upload = await readPackUpload(formData);
  const result = await importControlsPack(db, actor, input.workspaceId, { side: input.side, ...upload });
  revalidatePath('/apps/action-control');
  revalidatePath('/agents');
  const parts = [
    `Imported ${result.apps} app(s) from ${upload.filename} as the ` +
      `${result.side} (${result.created} added, ${result.updated} changed, ` +
      `${result.removed} removed).`,
  ];
  if (result.side === 'observed') {
    parts.push(
      `${result.departuresFromBaseline.length} departure(s) from the approved ` +
        `baseline, shown side by side below; ${result.reclassified} agent(s) reclassified.`,
    );
  }
  return { message: parts.join(' ') };
});
