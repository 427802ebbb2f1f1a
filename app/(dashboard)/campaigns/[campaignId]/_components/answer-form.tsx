'use client';
// Records the answer of an item's owner who is not a Tollgate user: the decision with its reason and the evidence
// (an https link or a file), posted as a multipart form to the answer route, then the page refreshes.
import { postForm, useEvidenceForm } from '@/components/ui/use-evidence-form.ts';
import type { CampaignItemView } from '@/lib/campaigns/queries.ts';
import { DecisionFields } from './decision-fields.tsx';

type Props = { workspaceId: string; item: CampaignItemView; maxBytes: number };

export function AnswerForm({ workspaceId, item, maxBytes }: Props) {
  const { message, busy, submit, mb } = useEvidenceForm(
    maxBytes,
    (data) =>
      postForm(
        `/api/campaigns/items/${encodeURIComponent(item.id)}/answers?ws=${encodeURIComponent(workspaceId)}`,
        data,
      ),
    'The owner’s answer is recorded with its evidence.',
    'Recording the answer failed: nothing was saved.',
  );
  return (
    <form
      className="inline-form camp-form"
      onSubmit={submit}
      aria-label={`Record the answer of ${item.ownerEmail}`}
      aria-busy={busy}
    >
      <DecisionFields item={item} />
      <label>
        Evidence link (https only)
        <input type="url" name="url" placeholder="https://" pattern="https://.*" />
      </label>
      <label>
        or evidence file (at most {mb} MB)
        <input type="file" name="file" />
      </label>
      <button className="button" type="submit" disabled={busy}>
        Record {item.ownerEmail}’s answer
      </button>
      {message && (
        <p className={message.ok ? 'form-message ok' : 'form-message error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
