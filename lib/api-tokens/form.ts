// Settings → API tokens' create form, read the same way by the page (its choices) and the action (its parse).
import { z } from 'zod';
import { isRole, ROLES, type Role } from '@/lib/auth/permissions.ts';
import { rolesCover } from '@/lib/api/tokens.ts';

export const EXPIRY_CHOICES = [30, 90, 180, 365] as const;
export const DEFAULT_EXPIRY = 90;
/** The workspace field's value for a token of every workspace. */
export const ALL_WORKSPACES = 'all';

/** The roles a user may give a token: those their own roles together cover, in the table's order. */
export function grantableRoles(held: readonly Role[]): Role[] {
  return ROLES.filter((role) => rolesCover(held, role));
}

export const createTokenForm = z.object({
  label: z.string().trim().min(1, 'Label is required.').max(80, 'Label: at most 80 characters.'),
  role: z.string().refine(isRole, 'Choose a role.'),
  workspace: z.string().trim().min(1, 'Choose a workspace or all.').max(100, 'Unknown workspace.'),
  days: z.coerce
    .number({ error: 'Choose an expiry.' })
    .refine((d) => (EXPIRY_CHOICES as readonly number[]).includes(d), 'Expiry: 30, 90, 180 or 365 days.'),
});
export type CreateTokenForm = z.output<typeof createTokenForm>;

export const revokeTokenForm = z.object({ tokenId: z.uuid('Unknown token.') });
