'use client';
// A knowledge file's classification, set by a reviewer: drop it into a GPT page's file list. Without
// `editable` it only shows the classification; unclassified files say so, since memory and sharing findings
// depend on it. The server checks the permission (reviews:decide) and that the GPT has this file.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { FILE_CLASSIFICATION_LABELS } from '@/lib/gpts/file-class.ts';
import { FILE_CLASSIFICATIONS, type FileClassification } from '@/lib/gpts/findings.ts';
import { classifyGptFileAction } from '@/lib/gpts/policy-actions.ts';

export type FileClassificationProps = {
  workspaceId: string;
  /** The platform's GPT id (Agent.externalId). */
  gptId: string;
  fileId: string;
  fileName: string;
  classification: FileClassification | null;
  editable: boolean;
};

export function FileClassificationForm(p: FileClassificationProps) {
  const current = p.classification ? FILE_CLASSIFICATION_LABELS[p.classification] : 'Not classified';
  if (!p.editable) return <span className="badge">{current}</span>;
  return (
    <ActionForm action={classifyGptFileAction} className="inline-form" label={`Classification of ${p.fileName}`}>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="gptId" value={p.gptId} />
      <input type="hidden" name="fileId" value={p.fileId} />
      <label>
        <span className="visually-hidden">Classification of {p.fileName}</span>
        <select name="classification" defaultValue={p.classification ?? ''} required>
          <option value="" disabled>
            Not classified
          </option>
          {FILE_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {FILE_CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-small">
        Classify
      </button>
    </ActionForm>
  );
}
