'use client';
// Attests one control: with a link through the server action, with a file through the upload route
// (server-action bodies are small), then refreshes.
import { postForm, useEvidenceForm } from '@/components/ui/use-evidence-form.ts';
import { attestWithLinkAction } from '@/lib/posture/attestation-actions.ts';

type Props = {
  workspaceId: string;
  controlId: string;
  title: string;
  minDay: string;
  maxDay: string;
  maxBytes: number;
};

export function AttestForm({ workspaceId, controlId, title, minDay, maxDay, maxBytes }: Props) {
  const { message, busy, submit, mb } = useEvidenceForm(
    maxBytes,
    (data, hasFile) => (hasFile ? postForm('/api/attestations', data) : attestWithLinkAction(null, data)),
    `Control ${controlId} attested.`,
    'Attesting failed: nothing was saved.',
  );
  return (
    <form
      className="inline-form"
      onSubmit={submit}
      aria-label={`Attest control ${controlId}: ${title}`}
      aria-busy={busy}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="controlId" value={controlId} />
      <label>
        Statement (10–2,000 characters)
        <textarea name="statement" rows={2} minLength={10} maxLength={2000} required />
      </label>
      <label>
        Expires (00:00 UTC, at most 90 days)
        <input type="date" name="expiresAt" min={minDay} max={maxDay} defaultValue={maxDay} required />
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
        Attest {controlId}
      </button>
      {message && (
        <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
