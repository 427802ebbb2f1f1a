// Storing evidence beside its record. Each kind of record keeps it in its own table with the same file columns
// (filename, contentType, size, sha256, content) and one link column; this is the one place that writes them.
// Callers check the evidence first (checkEvidence, pure, before their transaction) and store it inside it.
import type { Tx } from '@/lib/db.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { CheckedEvidence } from './evidence.ts';

type FileColumns = 'filename' | 'contentType' | 'size' | 'sha256' | 'content';

/** The record the evidence is stored with, without its evidence columns. */
export type EvidenceHome =
  | { home: 'checklistSignoff'; record: Omit<Prisma.ChecklistSignoffUncheckedCreateInput, FileColumns | 'evidenceUrl'> }
  | { home: 'attestation'; record: Omit<Prisma.AttestationUncheckedCreateInput, FileColumns | 'evidenceUrl'> }
  | { home: 'exceptionAttachment'; record: Omit<Prisma.ExceptionAttachmentUncheckedCreateInput, FileColumns | 'url'> }
  | { home: 'campaignAnswer'; record: Omit<Prisma.CampaignAnswerUncheckedCreateInput, FileColumns | 'evidenceUrl'> };

/** Creates the record with its evidence: the link, or the file's bytes with their SHA-256, name and content type. */
export async function storeEvidence(tx: Tx, target: EvidenceHome, evidence: CheckedEvidence): Promise<{ id: string }> {
  const file = 'file' in evidence ? evidence.file : null;
  const columns = file
    ? {
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        content: file.content,
      }
    : {};
  const link = 'link' in evidence ? evidence.link : null;
  const select = { id: true } as const;
  switch (target.home) {
    case 'checklistSignoff':
      return tx.checklistSignoff.create({ data: { ...target.record, ...columns, evidenceUrl: link }, select });
    case 'attestation':
      return tx.attestation.create({ data: { ...target.record, ...columns, evidenceUrl: link }, select });
    case 'exceptionAttachment':
      return tx.exceptionAttachment.create({ data: { ...target.record, ...columns, url: link }, select });
    case 'campaignAnswer':
      return tx.campaignAnswer.create({ data: { ...target.record, ...columns, evidenceUrl: link }, select });
  }
}
