// The one authorization helper. Every server action and route handler calls it in its first lines;
// pages call it too (never instead). 401 when not signed in, 403 when the permission is missing.
import 'server-only';
import { AppError } from '@/lib/http/app-error.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { can, type Permission, type Role } from './permissions.ts';
import { getCurrentUser, requestContext, type CurrentUser } from './session.ts';

export type AuthorizedActor = Actor & { user: CurrentUser; roles: Role[] };

export async function authorize(permission: Permission): Promise<AuthorizedActor> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (!can(user.roles, permission)) throw new AppError('forbidden', `Your role does not allow this (${permission}).`);
  const context = await requestContext();
  return {
    id: user.id,
    label: user.email ?? user.subject,
    role: user.roles.join(','),
    requestId: context.requestId,
    sourceIp: context.sourceIp,
    user,
    roles: user.roles,
  };
}

/** The same decision for an API token (docs/decisions/0028): its one role against the permission table. The actor
 *  is the token's owner, labelled with the token, so the audit log says which token did it and on whose behalf. */
export function authorizeToken(
  token: { role: Role; prefix: string; owner: { id: string; label: string } },
  permission: Permission,
  context: { requestId: string | null; sourceIp: string | null },
): Actor {
  if (!can([token.role], permission))
    throw new AppError('forbidden', `The token's role (${token.role}) does not allow this (${permission}).`);
  return {
    id: token.owner.id,
    label: `API token ${token.prefix}… of ${token.owner.label}`,
    role: token.role,
    requestId: context.requestId,
    sourceIp: context.sourceIp,
  };
}
