// workspacePage: the one way in for a dashboard page, like withRoute for route handlers. It signs the user in
// (redirects to /sign-in or /no-access as before), answers 403 through Next's forbidden() when the role lacks
// the permission (app/(dashboard)/forbidden.tsx), and opens the current workspace. The page gets the database
// handle from here, to pass to its feature's queries, so no page imports lib/db.
import 'server-only';
import { forbidden } from 'next/navigation';
import { pageAccess } from '@/lib/auth/page-guard.ts';
import type { Permission } from '@/lib/auth/permissions.ts';
import type { CurrentUser } from '@/lib/auth/session.ts';
import { db, type Db } from '@/lib/db.ts';
import { currentWorkspace } from '@/lib/workspaces/current.ts';

export type PageContext = {
  actor: CurrentUser;
  db: Db;
  /** The signed-in user's current workspace; null before any workspace exists (each page says what then). */
  workspace: { id: string; name: string } | null;
};

/** `denied`, for a page that sends a user without the permission elsewhere instead of answering 403 (the
 *  Overview redirects to the user's first section); it must not return (redirect() throws). */
type Options = { denied?: (actor: CurrentUser) => never };

export async function workspacePage(permission: Permission, options: Options = {}): Promise<PageContext> {
  const { user, allowed } = await pageAccess(permission);
  if (!allowed) {
    options.denied?.(user);
    forbidden();
  }
  const { current } = await currentWorkspace();
  return { actor: user, db: db(), workspace: current };
}
