// Approve / reject (holders of exceptions:approve who did not request it) and revoke (while in force).
import { ActionForm } from '@/components/ui/action-form.tsx';
import { approveExceptionAction, rejectExceptionAction, revokeExceptionAction } from '@/lib/exceptions/actions.ts';
import type { ExceptionStatus } from '@/lib/exceptions/state.ts';

type Props = {
  workspaceId: string;
  exceptionId: string;
  status: ExceptionStatus;
  proposedDay: string;
  maxDay: string;
  minDay: string;
  isRequester: boolean;
};

export function DecisionPanel(p: Props) {
  const hidden = (
    <>
      <input type="hidden" name="workspaceId" value={p.workspaceId} />
      <input type="hidden" name="exceptionId" value={p.exceptionId} />
    </>
  );
  if (p.status === 'requested' && p.isRequester) {
    return (
      <p className="muted">You requested this exception: another holder of the approve permission must decide it.</p>
    );
  }
  if (p.status === 'requested') {
    return (
      <div className="decision-grid">
        <ActionForm action={approveExceptionAction} className="decision-form" label="Approve">
          {hidden}
          <label>
            Review date (UTC, at most 90 days from now)
            <input type="date" name="reviewAt" defaultValue={p.proposedDay} min={p.minDay} max={p.maxDay} required />
          </label>
          <label>
            Note (optional)
            <textarea name="note" rows={2} maxLength={2000} />
          </label>
          <div>
            <button className="button button-primary" type="submit">
              Approve
            </button>
          </div>
        </ActionForm>
        <ActionForm action={rejectExceptionAction} className="decision-form" label="Reject">
          {hidden}
          <label>
            Why it is rejected
            <textarea name="note" rows={2} maxLength={2000} required />
          </label>
          <div>
            <button className="button button-danger" type="submit">
              Reject
            </button>
          </div>
        </ActionForm>
      </div>
    );
  }
  if (p.status === 'approved') {
    return (
      <ActionForm action={revokeExceptionAction} className="decision-form" label="Revoke">
        {hidden}
        <p className="small muted">
          Revoking ends the exception now: the findings it covers are open again. Renewal is a new request.
        </p>
        <label>
          Note (optional)
          <textarea name="note" rows={2} maxLength={2000} />
        </label>
        <div>
          <button className="button button-danger" type="submit">
            Revoke
          </button>
        </div>
      </ActionForm>
    );
  }
  return <p className="muted">This exception is closed; a renewal is a new request.</p>;
}
