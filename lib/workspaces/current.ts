// The workspace the signed-in user is looking at: chosen in the top bar (a cookie), else the first by name.
import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { db } from '@/lib/db.ts';

export const WORKSPACE_COOKIE = 'tollgate_ws';

export type WorkspaceChoice = { current: { id: string; name: string } | null; all: { id: string; name: string }[] };

/** Once per request (the layout's switcher and the page both ask). */
export const currentWorkspace = cache(readCurrentWorkspace);

async function readCurrentWorkspace(): Promise<WorkspaceChoice> {
  const all = await db().workspace.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  return { current: all.find((w) => w.id === chosen) ?? all[0] ?? null, all };
}
