'use server';
// Settings → SCIM provisioning: create a token (returned once, to show with a copy button) and revoke one.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { createScimToken, revokeScimToken } from './tokens.ts';

const createSchema = z.object({
  workspaceId: z.string().trim().min(1, 'Choose a workspace.'),
  label: z.string().trim().min(1, 'Label is required.').max(80, 'Label: at most 80 characters.'),
});

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError('unprocessable', result.error.issues.map((i) => i.message).join(' '));
  return result.data;
}

export type CreatedScimToken = { token: string; prefix: string; label: string; workspaceId: string };

export async function createScimTokenAction(_prev: unknown, formData: FormData): Promise<ActionResult<CreatedScimToken>> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const input = parse(createSchema, Object.fromEntries(formData ?? []));
    const created = await createScimToken(db(), actor, input);
    revalidatePath('/settings');
    return {
      data: { token: created.token, prefix: created.prefix, label: created.label, workspaceId: created.workspaceId },
      message: `SCIM token "${created.label}" created. Copy it now: it is not shown again.`,
    };
  });
}

export async function revokeScimTokenAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const { tokenId } = parse(z.object({ tokenId: z.string().min(1, 'Unknown token.') }), Object.fromEntries(formData ?? []));
    const revoked = await revokeScimToken(db(), actor, tokenId);
    revalidatePath('/settings');
    return { message: `SCIM token "${revoked.label}" (${revoked.prefix}…) revoked: the IdP using it now gets 401.` };
  });
}
