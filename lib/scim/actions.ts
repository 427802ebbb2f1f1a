'use server';
// Settings → SCIM provisioning: create a token (returned once, to show with a copy button) and revoke one.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { createScimToken, revokeScimToken } from './tokens.ts';

const createSchema = z.object({
  workspaceId: z.string().trim().min(1, 'Choose a workspace.'),
  label: z.string().trim().min(1, 'Label is required.').max(80, 'Label: at most 80 characters.'),
});

export type CreatedScimToken = { token: string; prefix: string; label: string; workspaceId: string };

export const createScimTokenAction = formAction('settings:write', createSchema, async ({ actor, db, input }) => {
  const created = await createScimToken(db, actor, input);
  revalidatePath('/settings');
  const data: CreatedScimToken = {
    token: created.token,
    prefix: created.prefix,
    label: created.label,
    workspaceId: created.workspaceId,
  };
  return { data, message: `SCIM token "${created.label}" created. Copy it now: it is not shown again.` };
});

export const revokeScimTokenAction = formAction(
  'settings:write',
  z.object({ tokenId: z.string().min(1, 'Unknown token.') }),
  async ({ actor, db, input }) => {
    const revoked = await revokeScimToken(db, actor, input.tokenId);
    revalidatePath('/settings');
    return { message: `SCIM token "${revoked.label}" (${revoked.prefix}…) revoked: the IdP using it now gets 401.` };
  },
);
