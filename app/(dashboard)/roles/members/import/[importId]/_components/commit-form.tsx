'use client';
// Commits a previewed members import in one transaction; invalid rows must be skipped explicitly.
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { commitMemberImportAction } from '@/lib/roster/actions.ts';

export function CommitForm({
  workspaceId,
  importId,
  invalidRows,
  blocked,
}: {
  workspaceId: string;
  importId: string;
  invalidRows: number;
  blocked: boolean;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(commitMemberImportAction, null);
  const [skip, setSkip] = useState(false);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction} className="commit-panel" aria-label="Commit import" aria-busy={pending}>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="importId" value={importId} />
      {invalidRows > 0 && !blocked && (
        <label className="check">
          <input
            type="checkbox"
            name="skipInvalid"
            checked={skip}
            onChange={(e) => setSkip(e.target.checked)}
            disabled={pending}
          />{' '}
          Skip the {invalidRows.toLocaleString('en')} invalid row{invalidRows === 1 ? '' : 's'} (they are recorded with
          the import; their members are not marked removed)
        </label>
      )}
      <div>
        <button
          className="button button-primary"
          type="submit"
          disabled={blocked || pending || (invalidRows > 0 && !skip)}
        >
          {pending ? 'Committing…' : 'Commit import'}
        </button>
      </div>
      {state && (
        <p className={state.ok ? 'form-message ok' : 'form-message error'} role={state.ok ? 'status' : 'alert'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
