'use client';
// "Re-attest all shown": a named person confirms, in one statement, that every owner and admin listed still
// needs the role.
import { useActionState, useState } from 'react';
import { attestMembersAction } from '@/lib/roster/actions.ts';

export function AttestAllForm({
  workspaceId,
  members,
}: {
  workspaceId: string;
  members: { id: string; email: string }[];
}) {
  const [state, formAction, pending] = useActionState(attestMembersAction, null);
  const [confirmed, setConfirmed] = useState(false);
  if (members.length === 0) return null;
  const one = members.length === 1;
  const confirmText = [
    `I confirm the ${members.length} owner${one ? '' : 's'} and admin${one ? '' : 's'}`,
    `shown still need${one ? 's' : ''} the role`,
  ].join(' ');
  return (
    <form
      action={formAction}
      className="attest-all"
      aria-label="Re-attest all owners and admins shown"
      aria-busy={pending}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {members.map((m) => (
        <input key={m.id} type="hidden" name="memberId" value={m.id} />
      ))}
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {confirmText}
      </label>
      <button className="button button-small" type="submit" disabled={!confirmed || pending}>
        Re-attest all shown ({members.length})
      </button>
      {state && (
        <p className={state.ok ? 'form-message ok' : 'form-message error'} role={state.ok ? 'status' : 'alert'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
