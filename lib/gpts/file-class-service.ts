// A reviewer's word on a GPT: the classification of a knowledge file (public … restricted) and the GPT's stated
// business use case. Each is one transaction: the row, the audit event (from → to) and the findings re-evaluated,
// so "unclassified file", "memory with a sensitive file" and "no use case" follow at once.
import type { Db, Tx } from '@/lib/db.ts';
import { recordAudit, type Actor } from '@/lib/audit/record.ts';
import { syncFindings } from '@/lib/findings/sync.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { isFileClassification } from '@/lib/gpts/file-class.ts';
import { FILE_CLASSIFICATIONS } from '@/lib/gpts/findings.ts';
import { SYNC_TRANSACTION } from '@/lib/gpts/policy-service.ts';
import { GPT_KIND } from '@/lib/gpts/queries.ts';
import type { Gpt } from '@/lib/gpts/types.ts';

export const MAX_USE_CASE = 2000;

async function gptOf(tx: Tx, workspaceId: string, gptId: string) {
  const agent = await tx.agent.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId: gptId } },
    select: { id: true, kind: true, gptState: { select: { gpt: true } } },
  });
  if (!agent || agent.kind !== GPT_KIND) throw new AppError('not_found', `No GPT ${gptId} in this workspace.`);
  return { agentId: agent.id, gpt: (agent.gptState?.gpt ?? null) as Pick<Gpt, 'files'> | null };
}

export async function classifyGptFile(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { gptId: string; fileId: string; classification: string },
  now = new Date(),
): Promise<{ changed: boolean }> {
  const { classification } = input;
  if (!isFileClassification(classification))
    throw new AppError('unprocessable', `Choose one of ${FILE_CLASSIFICATIONS.join(', ')}.`);
  return db.$transaction(async (tx) => {
    const { agentId, gpt } = await gptOf(tx, workspaceId, input.gptId);
    const file = gpt?.files?.find((f) => f.id === input.fileId);
    if (!file) throw new AppError('not_found', `The GPT has no knowledge file ${input.fileId}.`);
    const key = { workspaceId_agentId_fileId: { workspaceId, agentId, fileId: file.id } };
    const before = await tx.gptFileClassification.findUnique({ where: key, select: { classification: true } });
    if (before?.classification === classification) return { changed: false };
    await tx.gptFileClassification.upsert({
      where: key,
      create: { workspaceId, agentId, fileId: file.id, classification, setBy: actor.label, setAt: now },
      update: { classification, setBy: actor.label, setAt: now },
    });
    await recordAudit(tx, actor, {
      action: 'gpts.file.classify',
      targetType: 'agent',
      targetId: input.gptId,
      workspaceId,
      at: now,
      diff: {
        fileId: file.id,
        file: file.name,
        classification: { from: before?.classification ?? null, to: classification },
      },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return { changed: true };
  }, SYNC_TRANSACTION);
}

export async function setGptUseCase(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { gptId: string; useCase: string },
  now = new Date(),
): Promise<{ changed: boolean }> {
  const useCase = input.useCase.trim();
  if (useCase.length < 10)
    throw new AppError('unprocessable', 'State the business use case in a sentence (at least 10 characters).');
  if (useCase.length > MAX_USE_CASE)
    throw new AppError('unprocessable', `The use case is too long (at most ${MAX_USE_CASE} characters).`);
  return db.$transaction(async (tx) => {
    const { agentId } = await gptOf(tx, workspaceId, input.gptId);
    const before = await tx.gptUseCase.findUnique({ where: { agentId }, select: { useCase: true } });
    if (before?.useCase === useCase) return { changed: false };
    await tx.gptUseCase.upsert({
      where: { agentId },
      create: { agentId, workspaceId, useCase, setBy: actor.label, setAt: now },
      update: { useCase, setBy: actor.label, setAt: now },
    });
    await recordAudit(tx, actor, {
      action: 'gpts.use_case.set',
      targetType: 'agent',
      targetId: input.gptId,
      workspaceId,
      at: now,
      diff: { useCase: { from: before?.useCase ?? null, to: useCase } },
    });
    await syncFindings(tx, workspaceId, now, actor);
    return { changed: true };
  }, SYNC_TRANSACTION);
}
