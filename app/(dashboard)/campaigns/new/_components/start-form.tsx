'use client';
// The "start a campaign" form: what to review, who reviews, when it is due and whether it recurs. On success the
// new campaign opens.
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { startCampaignAction } from '@/lib/campaigns/actions.ts';
import { SCOPE_LABELS, SCOPES } from '@/lib/campaigns/types.ts';

type Props = { workspaceId: string; reviewers: { id: string; label: string }[]; today: string; defaultDue: string };

export function StartForm(p: Props) {
  const router = useRouter();
  const [state, action, pending] = useActionState(startCampaignAction, null);
  useEffect(() => {
    const id = state?.ok ? state.data?.id : undefined;
    if (id) router.push(`/campaigns/${id}`);
  }, [state, router]);
  return (
    <form action={action} className="camp-start" aria-label="Start a campaign" aria-busy={pending}>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <label>
        Name
        <input name="name" required maxLength={200} defaultValue="Quarterly access review" />
      </label>
      <fieldset>
        <legend>Scope</legend>
        {SCOPES.map((s) => (
          <label key={s}>
            <input type="checkbox" name="scopes" value={s} defaultChecked={s.startsWith('agent-')} /> {SCOPE_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Reviewers (Tollgate users who may decide)</legend>
        {p.reviewers.length === 0 && <p className="muted">No Tollgate user holds a role that may decide yet.</p>}
        {p.reviewers.map((r) => (
          <label key={r.id}>
            <input type="checkbox" name="reviewers" value={r.id} /> {r.label}
          </label>
        ))}
      </fieldset>
      <div className="camp-dates">
        <label>
          Starts (UTC; today starts now)
          <input type="date" name="startsOn" min={p.today} defaultValue={p.today} />
        </label>
        <label>
          Due (UTC, end of day)
          <input type="date" name="dueOn" min={p.today} defaultValue={p.defaultDue} required />
        </label>
        <label>
          Recurs every (days, empty for once)
          <input type="number" name="recurrenceDays" min={7} max={366} placeholder="90" />
        </label>
      </div>
      <div>
        <button className="button button-primary" type="submit" disabled={pending}>
          Start the campaign
        </button>
      </div>
      {state && !state.ok && (
        <p className="form-message error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
