// Knowledge-file classifications as a reviewer sets them (pure): the four levels, the check, how each reads, and
// the order a reviewer meets a GPT's files in.
import { nameSensitivity } from '@/lib/gpts/findings-file-names.ts';
import { FILE_CLASSIFICATIONS, type FileClassification } from '@/lib/gpts/findings.ts';
import type { GptKnowledgeFile } from '@/lib/gpts/types.ts';

export const FILE_CLASSIFICATION_LABELS: Record<FileClassification, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  restricted: 'Restricted',
};

export function isFileClassification(value: string): value is FileClassification {
  return (FILE_CLASSIFICATIONS as readonly string[]).includes(value);
}

export type FileForReview = GptKnowledgeFile & {
  classification: FileClassification | null;
  /** Why the name looks sensitive (customer, salary, ssn…); empty when it does not. */
  sensitiveTerms: string[];
};

/**
 * A GPT's files as a reviewer should meet them: unclassified first, the most sensitive-looking names first among
 * them (a heuristic for the order only, never a classification), then the classified ones; by name within each.
 */
export function filesForReview(
  files: readonly GptKnowledgeFile[],
  classifications: readonly { fileId: string; classification: string }[],
): FileForReview[] {
  const byId = new Map(classifications.map((c) => [c.fileId, c.classification]));
  const rows = files.map((f) => {
    const c = byId.get(f.id);
    const { score, terms } = nameSensitivity(f.name);
    return { file: { ...f, classification: c && isFileClassification(c) ? c : null, sensitiveTerms: terms }, score };
  });
  return rows
    .sort(
      (a, b) =>
        Number(a.file.classification !== null) - Number(b.file.classification !== null) ||
        (a.file.classification === null ? b.score - a.score : 0) ||
        (a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0) ||
        (a.file.id < b.file.id ? -1 : a.file.id > b.file.id ? 1 : 0),
    )
    .map((r) => r.file);
}
