// Knowledge-file classifications as a reviewer sets them (pure): the four levels, the check, and how each reads.
import { FILE_CLASSIFICATIONS, type FileClassification } from '@/lib/gpts/findings.ts';

export const FILE_CLASSIFICATION_LABELS: Record<FileClassification, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  restricted: 'Restricted',
};

export function isFileClassification(value: string): value is FileClassification {
  return (FILE_CLASSIFICATIONS as readonly string[]).includes(value);
}
