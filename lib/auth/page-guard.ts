// Page-level check (pages check too, but never instead of their actions and routes).
import 'server-only';
import { redirect } from 'next/navigation';
import { can, type Permission } from './permissions.ts';
import { getCurrentUser, type CurrentUser } from './session.ts';

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (user.roles.length === 0) redirect('/no-access');
  return user;
}

export async function pageAccess(permission: Permission): Promise<{ user: CurrentUser; allowed: boolean }> {
  const user = await requireUser();
  return { user, allowed: can(user.roles, permission) };
}
