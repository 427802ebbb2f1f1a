'use server';
// Choosing the workspace to look at: a preference cookie, not governed state (nothing is audited).
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { WORKSPACE_COOKIE } from './current.ts';

export async function selectWorkspaceAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    await authorize('agents:read');
    const parsed = z.object({ workspaceId: z.string().min(1).max(100) }).safeParse(Object.fromEntries(formData ?? []));
    if (!parsed.success) throw new AppError('unprocessable', 'Choose a workspace.');
    const ws = await db().workspace.findUnique({ where: { id: parsed.data.workspaceId }, select: { name: true } });
    if (!ws) throw new AppError('not_found', 'That workspace does not exist.');
    (await cookies()).set(WORKSPACE_COOKIE, parsed.data.workspaceId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: (process.env.AUTH_URL ?? '').startsWith('https:'),
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
    });
    revalidatePath('/', 'layout');
    return { message: `Now viewing ${ws.name}.` };
  });
}
