'use client';
// A reviewer's classification of a GPT action whose OpenAPI schema cannot be read: which of the three legs it
// lights (until then it counts for all three, like an unknown MCP server), with a note. Every GPT carrying the
// same document follows; a changed document is unknown again. The server checks reviews:decide and the action.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { LEGS, type Leg } from '@/lib/apps/legs.ts';
import { classifyGptActionAction } from '@/lib/gpts/policy-actions.ts';

/** What a reviewer answers for each leg, in the words of the question rather than the leg's name. */
const QUESTIONS: Record<Leg, string> = {
  private_data: 'Reads private data',
  untrusted_content: 'Brings outside content',
  external_send: 'Can send data out',
};

export type ActionReviewFormProps = {
  workspaceId: string;
  /** The platform's GPT id (Agent.externalId). */
  gptId: string;
  domain: string;
  /** actionReviewKey: the document's SHA-256, else `domain:<domain>`. */
  reviewKey: string;
  /** The reviewer's legs and note when it was classified; null while it is not. */
  review: { legs: Leg[]; note: string | null } | null;
};

export function ActionReviewForm(p: ActionReviewFormProps) {
  const legs = new Set(p.review?.legs ?? []);
  return (
    <ActionForm action={classifyGptActionAction} className="editor-form" label={`Classify the action ${p.domain}`}>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="gptId" value={p.gptId} />
      <input type="hidden" name="reviewKey" value={p.reviewKey} />
      <fieldset className="wide">
        <legend>What this action does (leave all unticked if it does none of these)</legend>
        {LEGS.map((leg) => (
          <label key={leg} className="check">
            <input type="checkbox" name="legs" value={leg} defaultChecked={legs.has(leg)} />
            <span>{QUESTIONS[leg]}</span>
          </label>
        ))}
      </fieldset>
      <label className="wide">
        Note (why, kept with the classification)
        <textarea name="note" rows={2} maxLength={2000} defaultValue={p.review?.note ?? ''} />
      </label>
      <div>
        <button type="submit" className="button button-small">
          {p.review ? 'Change the classification' : 'Classify this action'}
        </button>
      </div>
    </ActionForm>
  );
}
