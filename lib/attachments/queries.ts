// Reading a stored evidence file for its download route: only a file of the given record of the given
// workspace, and only a file (a link has no content). Nothing here writes.
import type { Db, Tx } from '@/lib/db.ts';
import type { DownloadableFile } from './download.ts';

type Reader = Db | Tx;

/** Which record the file belongs to; an exception's attachment is found through its exception. */
export type FileRef =
  | { home: 'checklistSignoff' | 'attestation' | 'campaignAnswer'; workspaceId: string; id: string }
  | { home: 'exceptionAttachment'; workspaceId: string; exceptionId: string; id: string };

const FILE = { filename: true, size: true, sha256: true, content: true } as const;

type FileRow = DownloadableFile & { size: number | null };

export async function storedFile(db: Reader, ref: FileRef): Promise<FileRow | null> {
  const content = { not: null };
  switch (ref.home) {
    case 'checklistSignoff':
      return db.checklistSignoff.findFirst({
        where: { id: ref.id, workspaceId: ref.workspaceId, content },
        select: FILE,
      });
    case 'attestation':
      return db.attestation.findFirst({ where: { id: ref.id, workspaceId: ref.workspaceId, content }, select: FILE });
    case 'campaignAnswer':
      return db.campaignAnswer.findFirst({
        where: { id: ref.id, item: { workspaceId: ref.workspaceId }, content },
        select: FILE,
      });
    case 'exceptionAttachment':
      return db.exceptionAttachment.findFirst({
        where: { id: ref.id, exceptionId: ref.exceptionId, exception: { workspaceId: ref.workspaceId }, content },
        select: FILE,
      });
  }
}
