'use server';
// Findings: set the owner and due date (findings:write).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/http/app-error.ts';
import { formAction } from '@/lib/http/form-action.ts';
import { assignFinding } from './service.ts';

const assignSchema = z.object({
  workspaceId: z.string().min(1),
  findingId: z.string().min(1),
  owner: z.union([
    z.literal(''),
    z.email({ message: 'Owner: enter an email address, or leave it empty for Unassigned.' }).max(320),
  ]),
  // A due date is a whole UTC day: due by the end of it.
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Due date: enter a date (YYYY-MM-DD).'),
});

export const assignFindingAction = formAction('findings:write', assignSchema, async ({ actor, db, input }) => {
  const dueAt = new Date(`${input.due}T23:59:59.999Z`);
  if (Number.isNaN(dueAt.getTime())) throw new AppError('unprocessable', 'Due date: not a real date.');
  const after = await assignFinding(db, actor, input.workspaceId, input.findingId, {
    owner: input.owner || null,
    dueAt,
  });
  revalidatePath('/findings');
  revalidatePath(`/findings/${after.id}`);
  return { message: `Saved: ${after.owner ?? 'Unassigned'}, due ${input.due}.` };
});
