'use client';
// Re-attests one owner or admin (1.4) as the signed-in person.
import { useActionState } from 'react';
import { attestMembersAction } from '@/lib/roster/actions.ts';

export function AttestButton({
  workspaceId,
  memberId,
  email,
}: {
  workspaceId: string;
  memberId: string;
  email: string;
}) {
  const [state, formAction, pending] = useActionState(attestMembersAction, null);
  return (
    <form action={formAction} className="inline" aria-busy={pending}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="memberId" value={memberId} />
      <button className="button button-small" type="submit" disabled={pending} aria-label={`Re-attest ${email}`}>
        Re-attest
      </button>
      {state && !state.ok && (
        <p className="form-message error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
