'use server';
// Findings: set the owner and due date (findings:write).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { db } from '../db.ts';
import { actionResult, type ActionResult } from '../http/action.ts';
import { AppError } from '../http/app-error.ts';
import { assignFinding } from './service.ts';

const assignSchema = z.object({
  workspaceId: z.string().min(1),
  findingId: z.string().min(1),
  owner: z.union([z.literal(''), z.email({ message: 'Owner: enter an email address, or leave it empty for Unassigned.' }).max(320)]),
  // A due date is a whole UTC day: due by the end of it.
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Due date: enter a date (YYYY-MM-DD).'),
});

export async function assignFindingAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const actor = await authorize('findings:write');
    const parsed = assignSchema.safeParse(Object.fromEntries(formData ?? []));
    if (!parsed.success) throw new AppError('unprocessable', parsed.error.issues[0]?.message ?? 'Invalid input.');
    const dueAt = new Date(`${parsed.data.due}T23:59:59.999Z`);
    if (Number.isNaN(dueAt.getTime())) throw new AppError('unprocessable', 'Due date: not a real date.');
    const after = await assignFinding(db(), actor, parsed.data.workspaceId, parsed.data.findingId, { owner: parsed.data.owner || null, dueAt });
    revalidatePath('/findings');
    revalidatePath(`/findings/${after.id}`);
    return { message: `Saved: ${after.owner ?? 'Unassigned'}, due ${parsed.data.due}.` };
  });
}
