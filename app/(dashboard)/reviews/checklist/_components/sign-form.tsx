'use client';
// Signs one step: posts the form (note, and an https link or a file) to the sign-off route, then refreshes.
import { postForm, useEvidenceForm } from '@/components/ui/use-evidence-form.ts';

export function SignForm({
  workspaceId,
  step,
  title,
  maxBytes,
}: {
  workspaceId: string;
  step: number;
  title: string;
  maxBytes: number;
}) {
  const { message, busy, submit, mb } = useEvidenceForm(
    maxBytes,
    (data) => postForm('/api/checklist/signoffs', data),
    `Step ${step} signed.`,
    'Signing failed: nothing was saved.',
  );
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Sign step ${step}: ${title}`} aria-busy={busy}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="step" value={step} />
      <label>
        Note
        <input type="text" name="note" maxLength={2000} />
      </label>
      <label>
        Evidence link (https only)
        <input type="url" name="url" placeholder="https://" pattern="https://.*" />
      </label>
      <label>
        or evidence file (at most {mb} MB)
        <input type="file" name="file" />
      </label>
      <button className="button button-primary" type="submit" disabled={busy}>
        Sign step {step}
      </button>
      {message && (
        <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
