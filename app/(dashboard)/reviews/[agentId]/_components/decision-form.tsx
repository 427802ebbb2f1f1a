'use client';
// The decision: approve, reject or request changes, with a reason. Approve stays available even when the page
// lists refusals — the server decides, and answers with every reason; the list here only explains.
import { startTransition, useActionState, useState } from 'react';
import { decideAction } from '@/lib/reviews/actions.ts';

type Props = {
  workspaceId: string;
  agentId: string;
  sequence: number;
  steps: { step: number; title: string }[];
  blocked: boolean;
  secondApproval: boolean;
};

export function DecisionForm(p: Props) {
  const [state, action, pending] = useActionState(decideAction, null);
  const [decision, setDecision] = useState<'approve' | 'reject' | 'request_changes'>(
    p.blocked ? 'request_changes' : 'approve',
  );
  // Controlled, so a refused approval keeps what the reviewer wrote and ticked (React resets a form after its action).
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  const [steps, setSteps] = useState<number[]>([]);
  const toggle = (step: number) => setSteps((s) => (s.includes(step) ? s.filter((x) => x !== step) : [...s, step]));
  // Submitted by hand: after a form action React resets the form, and the reset put the radios back to their
  // first-rendered choice while the button (from state) still said "Approve". No reset, no contradiction.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form action={action} onSubmit={submit} className="decision-form" aria-label="Decide" aria-busy={pending}>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="agentId" value={p.agentId} />
      <input type="hidden" name="sequence" value={p.sequence} />
      <fieldset>
        <legend>Decision</legend>
        {(['approve', 'request_changes', 'reject'] as const).map((d) => (
          <label key={d} className="check">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {d === 'approve'
              ? p.secondApproval
                ? 'Approve (second approval)'
                : 'Approve'
              : d === 'reject'
                ? 'Reject'
                : 'Request changes'}
          </label>
        ))}
      </fieldset>
      {decision === 'approve' && (
        <fieldset>
          <legend>Pre-launch checklist for this agent (6.07)</legend>
          {p.steps.map((s) => (
            <label key={s.step} className="check">
              <input
                type="checkbox"
                name="step"
                value={s.step}
                checked={steps.includes(s.step)}
                onChange={() => toggle(s.step)}
              />{' '}
              Step {s.step}: {s.title}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Reason
        <textarea
          name="reason"
          rows={3}
          required
          minLength={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={
            decision === 'approve' ? 'Why this configuration may be published.' : 'What must change, and why.'
          }
        />
      </label>
      {decision === 'approve' && (
        <label>
          Conditions (optional)
          <input
            type="text"
            name="conditions"
            maxLength={500}
            value={conditions}
            onChange={(e) => setConditions(e.target.value)}
            placeholder="e.g. re-review before adding a mail connector"
          />
        </label>
      )}
      <button type="submit" className={decision === 'approve' ? 'button button-primary' : 'button'} disabled={pending}>
        {decision === 'approve' ? 'Approve this configuration' : decision === 'reject' ? 'Reject' : 'Request changes'}
      </button>
      {state && (
        <div className={state.ok ? 'form-message ok' : 'form-message error'} role={state.ok ? 'status' : 'alert'}>
          {(state.message ?? '').split('\n').map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one message, which may repeat; never reordered
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </form>
  );
}
