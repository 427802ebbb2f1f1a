'use server';
// Settings: workspaces, sessions (admin revocation) and signing the audit chain head on demand.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { workspaceSchema } from '@/lib/workspaces/schemas.ts';
import { applyPrincipal } from '@/lib/logs/pipeline.ts';

export const createWorkspaceAction = formAction('settings:write', workspaceSchema, async ({ actor, db, input }) => {
  await createWorkspace(db, actor, input);
  // Compliance Logs held for this principal until now become the workspace's agents, runs and alerts.
  if (input.principal) await applyPrincipal(db, input.principal);
  revalidatePath('/settings');
  return { message: `Workspace ${input.name} added.` };
});

export const revokeSessionAction = formAction(
  'sessions:manage',
  z.object({ sessionId: z.uuid('Unknown session.') }),
  async ({ actor, db, input }) => {
    const { sessionId } = input;
    await db.$transaction(async (tx) => {
      const session = await tx.session.findUnique({
        where: { id: sessionId },
        include: { user: { select: { email: true, subject: true } } },
      });
      if (!session) throw new AppError('not_found', 'That session has already ended.');
      await tx.session.delete({ where: { id: sessionId } });
      await recordAudit(tx, actor, {
        action: 'session.revoke',
        targetType: 'session',
        targetId: sessionId,
        diff: { before: { user: session.user.email ?? session.user.subject, createdAt: session.createdAt } },
      });
    });
    revalidatePath('/settings');
    return { message: 'Session revoked: that browser is signed out.' };
  },
);

export const signAuditHeadAction = formAction('settings:write', z.object({}), async ({ actor, db }) => {
  const signature = await signAuditHead(db, loadSigningKey(resolveDataDir()), `manual by ${actor.label}`, {
    force: true,
  });
  revalidatePath('/settings');
  return { message: `Signed the chain head at event #${signature.seq}.` };
});
