'use client';
// The workspace being viewed. One workspace: a label. Several: a picker that switches on change.
import { useActionState } from 'react';
import { selectWorkspaceAction } from '@/lib/workspaces/actions.ts';

export function WorkspaceSwitcher({
  current,
  all,
}: {
  current: { id: string; name: string } | null;
  all: { id: string; name: string }[];
}) {
  const [, formAction, pending] = useActionState(selectWorkspaceAction, null);
  if (all.length <= 1 || !current) {
    return (
      <span className="workspace" title="Governed workspace">
        {current?.name ?? 'No workspace yet'}
      </span>
    );
  }
  return (
    <form action={formAction} className="workspace-form" aria-busy={pending}>
      <label className="visually-hidden" htmlFor="workspace-picker">
        Workspace
      </label>
      <select
        id="workspace-picker"
        name="workspaceId"
        defaultValue={current.id}
        className="workspace"
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {all.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <noscript>
        <button className="button button-small" type="submit">
          Switch
        </button>
      </noscript>
    </form>
  );
}
