'use client';
// A GPT's stated business use case (the seed's first step), recorded by a reviewer on the GPT's review. The
// description is the builder's text for users; this is what the organisation agreed the GPT is for.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { setGptUseCaseAction } from '@/lib/gpts/policy-actions.ts';

export type UseCaseFormProps = {
  workspaceId: string;
  gptId: string;
  useCase: string | null;
  /** Who recorded it and when (formatted), shown under the text. */
  recorded: string | null;
  editable: boolean;
};

export function UseCaseForm(p: UseCaseFormProps) {
  if (!p.editable)
    return <p>{p.useCase ? `${p.useCase} (${p.recorded})` : 'No business use case is stated for this GPT.'}</p>;
  return (
    <ActionForm action={setGptUseCaseAction} className="editor-form" label="Business use case">
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="gptId" value={p.gptId} />
      <label className="wide">
        Business use case{p.recorded ? ` (recorded by ${p.recorded})` : ''}
        <textarea name="useCase" rows={3} minLength={10} maxLength={2000} defaultValue={p.useCase ?? ''} required />
      </label>
      <button type="submit" className="button button-small">
        Record the use case
      </button>
    </ActionForm>
  );
}
