'use server';
// Settings: workspaces, sessions (admin revocation) and signing the audit chain head on demand.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/record.ts';
import { signAuditHead } from '../audit/sign-head.ts';
import { loadSigningKey } from '../audit/signing.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { resolveDataDir } from '../runtime/data-dir.ts';
import { createWorkspace } from '../workspaces/service.ts';
import { workspaceSchema } from '../workspaces/schemas.ts';
import { applyPrincipal } from '../logs/pipeline.ts';

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError('unprocessable', result.error.issues.map((i) => i.message).join(' '));
  return result.data;
}

export async function createWorkspaceAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const input = parse(workspaceSchema, Object.fromEntries(formData ?? []));
    await createWorkspace(db(), actor, input);
    // Compliance Logs held for this principal until now become the workspace's agents, runs and alerts.
    if (input.principal) await applyPrincipal(db(), input.principal);
    revalidatePath('/settings');
    return { message: `Workspace ${input.name} added.` };
  });
}

export async function revokeSessionAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('sessions:manage');
    const { sessionId } = parse(z.object({ sessionId: z.uuid('Unknown session.') }), Object.fromEntries(formData ?? []));
    await db().$transaction(async (tx) => {
      const session = await tx.session.findUnique({ where: { id: sessionId }, include: { user: { select: { email: true, subject: true } } } });
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
  });
}

export async function signAuditHeadAction(_prev: unknown, _formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('settings:write');
    const signature = await signAuditHead(db(), loadSigningKey(resolveDataDir()), `manual by ${actor.label}`, { force: true });
    revalidatePath('/settings');
    return { message: `Signed the chain head at event #${signature.seq}.` };
  });
}
