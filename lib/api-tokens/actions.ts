'use server';
// Settings → API tokens: a user creates a token of their own (returned once, to show with a copy button) and
// revokes one of theirs; an admin (sessions:manage) may revoke anyone's.
import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken } from '@/lib/api/tokens.ts';
import { can } from '@/lib/auth/permissions.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { ALL_WORKSPACES, createTokenForm, revokeTokenForm } from './form.ts';

const PAGE = '/settings/api-tokens';

export type CreatedApiToken = {
  token: string;
  prefix: string;
  label: string;
  role: string;
  workspaceId: string | null;
  expiresAt: string;
};

export const createApiTokenAction = formAction('api-tokens:manage', createTokenForm, async ({ actor, db, input }) => {
  // The owner is the signed-in user with the roles they hold now: the token can never carry more.
  const created = await createApiToken(
    db,
    actor,
    { id: actor.user.id, roles: actor.roles },
    {
      label: input.label,
      role: input.role,
      workspaceId: input.workspace === ALL_WORKSPACES ? null : input.workspace,
      days: input.days,
    },
  );
  revalidatePath(PAGE);
  const data: CreatedApiToken = {
    token: created.token,
    prefix: created.prefix,
    label: created.label,
    role: created.role,
    workspaceId: created.workspaceId,
    expiresAt: created.expiresAt.toISOString(),
  };
  return { data, message: `API token "${created.label}" created. Copy it now: it is not shown again.` };
});

export const revokeApiTokenAction = formAction('api-tokens:manage', revokeTokenForm, async ({ actor, db, input }) => {
  const revoked = await revokeApiToken(db, actor, input.tokenId, can(actor.roles, 'sessions:manage'));
  revalidatePath(PAGE);
  return { message: `API token "${revoked.label}" (${revoked.prefix}…) revoked: calls with it now answer 401.` };
});
