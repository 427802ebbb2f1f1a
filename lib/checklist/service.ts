// Workspace sign-offs of the pre-launch checklist (6.7): each step signed by a reviewer with evidence, an https
// link or a stored file (≤ 10 MB, kept with its SHA-256, served only as a download). A sign-off and its audit
// event are one transaction.
import { z } from 'zod';
import type { Db, Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { checkEvidence, type Evidence as StoredEvidence } from '@/lib/attachments/evidence.ts';
import { storeEvidence } from '@/lib/attachments/service.ts';
import { STEPS, stepById, workspaceChecklist } from './steps.ts';

type Reader = Db | Tx;

export type Evidence = StoredEvidence;
export type SignInput = { step: number; note?: string | null; evidence: Evidence };

const stepIds = STEPS.map((s) => s.id);
const noteSchema = z
  .string()
  .trim()
  .max(2000, 'note: at most 2,000 characters')
  .nullish()
  .transform((n) => n || null);

/** Signs one step for the workspace with its evidence; the audit diff names the evidence, never its content. */
export async function signStep(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SignInput,
  now = new Date(),
): Promise<{ id: string }> {
  const step = stepById(input.step);
  if (!step) throw new AppError('unprocessable', `step: choose one of the steps ${stepIds.join(', ')}.`);
  const note = noteSchema.safeParse(input.note);
  if (!note.success) throw new AppError('unprocessable', note.error.issues[0]!.message);
  const evidence = checkEvidence(input.evidence);

  return db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
      throw new AppError('not_found', `No workspace ${workspaceId}.`);
    const created = await storeEvidence(
      tx,
      {
        home: 'checklistSignoff',
        record: {
          workspaceId,
          step: step.id,
          note: note.data,
          signedById: actor.id,
          signedBy: actor.label,
          signedAt: now,
        },
      },
      evidence,
    );
    await recordAudit(tx, actor, {
      action: 'checklist.sign',
      targetType: 'checklist_signoff',
      targetId: created.id,
      workspaceId,
      at: now,
      diff: { step: step.id, name: step.name, note: note.data, ...evidence.diff },
    });
    return created;
  });
}

const LIST_SELECT = {
  id: true,
  step: true,
  note: true,
  signedById: true,
  signedBy: true,
  signedAt: true,
  evidenceUrl: true,
  filename: true,
  contentType: true,
  size: true,
  sha256: true,
} satisfies Prisma.ChecklistSignoffSelect;

export type SignoffView = Prisma.ChecklistSignoffGetPayload<{ select: typeof LIST_SELECT }>;

/** Every sign-off of the workspace, newest first, without file content. */
export async function listSignoffs(db: Reader, workspaceId: string): Promise<SignoffView[]> {
  return db.checklistSignoff.findMany({
    where: { workspaceId },
    orderBy: [{ signedAt: 'desc' }, { id: 'desc' }],
    select: LIST_SELECT,
  });
}

/** The workspace's checklist at `now`: each step signed, stale or missing, and whether all six are signed. */
export async function checklistStatus(db: Reader, workspaceId: string, now = new Date()) {
  return workspaceChecklist(await listSignoffs(db, workspaceId), now);
}
