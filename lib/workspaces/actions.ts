'use server';
// Choosing the workspace to look at: a preference cookie, not governed state (nothing is audited).
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { WORKSPACE_COOKIE } from './current.ts';

export const selectWorkspaceAction = formAction(
  'agents:read',
  z.object({ workspaceId: field.id('Choose a workspace.') }),
  async ({ db, input }) => {
    const ws = await db.workspace.findUnique({ where: { id: input.workspaceId }, select: { name: true } });
    if (!ws) throw new AppError('not_found', 'That workspace does not exist.');
    (await cookies()).set(WORKSPACE_COOKIE, input.workspaceId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: (process.env.AUTH_URL ?? '').startsWith('https:'),
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
    });
    revalidatePath('/', 'layout');
    return { message: `Now viewing ${ws.name}.` };
  },
);
