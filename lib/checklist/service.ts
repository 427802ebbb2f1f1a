// Workspace sign-offs of the pre-launch checklist (6.7): each step signed by a reviewer with evidence, an https
// link or a stored file (≤ 10 MB, kept with its SHA-256, served only as a download). A sign-off and its audit
// event are one transaction.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db, Tx } from '../db.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import { assertHttpsLink } from '../exceptions/rules.ts';
import { AppError } from '../http/app-error.ts';
import { MAX_EVIDENCE_BYTES, STEPS, stepById, workspaceChecklist } from './steps.ts';

type Reader = Db | Tx;

export type Evidence = { url: string } | { filename: string; contentType?: string | null; bytes: Buffer };
export type SignInput = { step: number; note?: string | null; evidence: Evidence };

const stepIds = STEPS.map((s) => s.id);
const noteSchema = z.string().trim().max(2000, 'note: at most 2,000 characters').nullish().transform((n) => n || null);
const fileSchema = z.object({
  filename: z.string().trim().min(1, 'file: the file has no name').max(255, 'file: the name is longer than 255 characters').transform((n) => n.replace(/[\\/\u0000-\u001f"]/g, '_')),
  contentType: z.string().trim().max(200, 'file: the content type is longer than 200 characters').nullish().transform((t) => t || null),
});

/** Signs one step for the workspace with its evidence; the audit diff names the evidence, never its content. */
export async function signStep(db: Db, actor: Actor, workspaceId: string, input: SignInput, now = new Date()): Promise<{ id: string }> {
  const step = stepById(input.step);
  if (!step) throw new AppError('unprocessable', `step: choose one of the steps ${stepIds.join(', ')}.`);
  const note = noteSchema.safeParse(input.note);
  if (!note.success) throw new AppError('unprocessable', note.error.issues[0]!.message);
  const { data, diff } = evidenceOf(input.evidence);

  return db.$transaction(async (tx) => {
    if (!(await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } }))) throw new AppError('not_found', `No workspace ${workspaceId}.`);
    const created = await tx.checklistSignoff.create({
      data: { ...data, workspaceId, step: step.id, note: note.data, signedById: actor.id, signedBy: actor.label, signedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'checklist.sign', targetType: 'checklist_signoff', targetId: created.id, workspaceId,
      diff: { step: step.id, name: step.name, note: note.data, ...diff },
    });
    return created;
  });
}

type EvidenceData = Pick<Prisma.ChecklistSignoffUncheckedCreateInput, 'evidenceUrl' | 'filename' | 'contentType' | 'size' | 'sha256' | 'content'>;

function evidenceOf(evidence: Evidence): { data: EvidenceData; diff: Record<string, unknown> } {
  if ('url' in evidence) {
    let url: string;
    try {
      url = assertHttpsLink(evidence.url);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `url: ${error.message}`);
      throw error;
    }
    return { data: { evidenceUrl: url }, diff: { url } };
  }
  const size = evidence.bytes.length;
  if (size > MAX_EVIDENCE_BYTES) throw new AppError('too_large', `file: the file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`);
  if (size === 0) throw new AppError('unprocessable', 'file: the file is empty.');
  const file = fileSchema.safeParse({ filename: evidence.filename, contentType: evidence.contentType });
  if (!file.success) throw new AppError('unprocessable', file.error.issues[0]!.message);
  const sha256 = createHash('sha256').update(evidence.bytes).digest('hex');
  return {
    data: { filename: file.data.filename, contentType: file.data.contentType, size, sha256, content: new Uint8Array(evidence.bytes) },
    diff: { filename: file.data.filename, size, sha256 },
  };
}

const LIST_SELECT = {
  id: true, step: true, note: true, signedById: true, signedBy: true, signedAt: true,
  evidenceUrl: true, filename: true, contentType: true, size: true, sha256: true,
} satisfies Prisma.ChecklistSignoffSelect;

export type SignoffView = Prisma.ChecklistSignoffGetPayload<{ select: typeof LIST_SELECT }>;

/** Every sign-off of the workspace, newest first, without file content. */
export async function listSignoffs(db: Reader, workspaceId: string): Promise<SignoffView[]> {
  return db.checklistSignoff.findMany({ where: { workspaceId }, orderBy: [{ signedAt: 'desc' }, { id: 'desc' }], select: LIST_SELECT });
}

/** A stored evidence file of the workspace, for the download route (nothing else is served). */
export async function signoffEvidence(db: Reader, workspaceId: string, id: string) {
  return db.checklistSignoff.findFirst({
    where: { id, workspaceId, content: { not: null } },
    select: { filename: true, size: true, sha256: true, content: true },
  });
}

/** The workspace's checklist at `now`: each step signed, stale or missing, and whether all six are signed. */
export async function checklistStatus(db: Reader, workspaceId: string, now = new Date()) {
  return workspaceChecklist(await listSignoffs(db, workspaceId), now);
}
