// A request waiting for a second person: Approve, or Decline with a reason, for a holder of platform:approve who did
// not ask for it; the requester and everyone else read who may approve. The service checks all of it again.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { approvePlatformAction, declinePlatformAction } from '@/lib/platform/page-actions.ts';

type Props = {
  workspaceId: string;
  /** One of them: a batch is approved or declined as a whole. */
  batchId: string | null;
  actionId: string | null;
  count: number;
  requestedById: string | null;
  viewer: { id: string; mayApprove: boolean };
};

export function ApprovalControls({ workspaceId, batchId, actionId, count, requestedById, viewer }: Props) {
  if (requestedById !== null && requestedById === viewer.id)
    return (
      <p className="small approval-wait">
        <strong>Waiting for a second person.</strong> You asked for this, so a different person with platform:approve
        (admin or CISO) must approve it before anything is sent.
      </p>
    );
  if (!viewer.mayApprove)
    return (
      <p className="small muted approval-wait">Waiting for a second person with platform:approve (admin or CISO).</p>
    );
  const what = count === 1 ? 'this action' : `all ${count.toLocaleString('en')} actions`;
  const ids = (
    <>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {batchId ? (
        <input type="hidden" name="batchId" value={batchId} />
      ) : (
        <input type="hidden" name="actionId" value={actionId ?? ''} />
      )}
    </>
  );
  return (
    <div className="approval-forms">
      <ActionForm action={approvePlatformAction} className="inline-form approval-form" label="Approve the request">
        {ids}
        <button className="button button-primary" type="submit">
          Approve {what}
        </button>
      </ActionForm>
      <ActionForm action={declinePlatformAction} className="inline-form approval-form" label="Decline the request">
        {ids}
        <label>
          Why not (required)
          <input name="reason" required maxLength={2000} size={36} />
        </label>
        <button className="button" type="submit">
          Decline
        </button>
      </ActionForm>
    </div>
  );
}
