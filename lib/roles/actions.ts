'use server';
// The agent role matrix: edit one baseline role (high-risk grants confirmed), import a 6.01 pack to either side.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { readPackUpload } from '@/lib/packs/upload.ts';
import { DIMENSIONS, SIDES, type Dimension } from './dimensions.ts';
import { importRolesPack, removeBaselineRole, saveBaselineRole } from './service.ts';

const roleForm = z.object({
  workspaceId: z.string().min(1).max(100),
  originalName: z.string().max(100).optional(),
  name: z.string().trim().min(1, 'A role needs a name.').max(100, 'A role name is at most 100 characters.'),
  description: z.string().max(1000).default(''),
  groupName: z.string().trim().max(256).default(''),
  dimensions: field.list(),
  confirmHighRisk: field.checkbox(),
});

export const saveBaselineRoleAction = formAction('roles:write', roleForm, async ({ actor, db, input }) => {
  const permissions = Object.fromEntries(DIMENSIONS.map((d) => [d, input.dimensions.includes(d)])) as Record<
    Dimension,
    boolean
  >;
  const { workspaceId, originalName, name, description, groupName } = input;
  await saveBaselineRole(db, actor, workspaceId, {
    originalName: originalName || undefined,
    role: { name, description, groupName: groupName || null, permissions },
    confirmHighRisk: input.confirmHighRisk,
  });
  revalidatePath('/roles');
  return { message: `Baseline role ${name} saved.` };
});

const SIDE_MESSAGE = 'Choose whether the pack is the baseline or an observed export.';
const packForm = z.object({
  workspaceId: field.id(SIDE_MESSAGE),
  side: z.enum(SIDES, { error: SIDE_MESSAGE }),
  confirmHighRisk: field.checkbox(),
});

export const importRolesPackAction = formAction('roles:write', packForm, async ({ actor, db, input, formData }) => {
  const upload = await readPackUpload(formData);
  const result = await importRolesPack(db, actor, input.workspaceId, {
    side: input.side,
    ...upload,
    confirmHighRisk: input.confirmHighRisk,
  });
  revalidatePath('/roles');
  const parts = [
    `Imported ${result.roles} role(s) from ${upload.filename} as the ` +
      `${result.side} (${result.created} added, ${result.updated} changed, ` +
      `${result.removed} removed).`,
  ];
  if (result.missingDimensions.length > 0)
    parts.push(
      `Read as disabled where the pack says nothing: ` +
        `${result.missingDimensions.map((m) => `${m.role} (${m.dimensions.join(', ')})`).join('; ')}.`,
    );
  parts.push(
    result.departuresFromDefault.length === 0
      ? 'It matches the guide’s default baseline.'
      : `Departs from the guide’s default baseline: ${result.departuresFromDefault.map((d) => d.message).join('; ')}.`,
  );
  if (result.side === 'observed')
    parts.push(
      `${result.departuresFromBaseline.length} departure(s) from the approved baseline, shown side by side below.`,
    );
  return { message: parts.join(' ') };
});

const removeForm = z.object({ workspaceId: field.id('Unknown role.'), name: field.id('Unknown role.') });

export const removeBaselineRoleAction = formAction('roles:write', removeForm, async ({ actor, db, input }) => {
  await removeBaselineRole(db, actor, input.workspaceId, input.name);
  revalidatePath('/roles');
  return { message: `Baseline role ${input.name} removed.` };
});
