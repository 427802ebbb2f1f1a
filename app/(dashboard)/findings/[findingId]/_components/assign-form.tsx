// Owner and due date (findings:write). The server action authorizes itself; this form only shows it.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { assignFindingAction } from '@/lib/findings/actions.ts';

export function AssignForm({
  workspaceId,
  findingId,
  owner,
  due,
}: {
  workspaceId: string;
  findingId: string;
  owner: string | null;
  due: Date;
}) {
  return (
    <ActionForm action={assignFindingAction} className="assign-form" label="Owner and due date">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="findingId" value={findingId} />
      <div className="field">
        <label htmlFor="assign-owner">Owner</label>
        <input
          id="assign-owner"
          name="owner"
          type="email"
          defaultValue={owner ?? ''}
          placeholder="Unassigned"
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="assign-due">Due (UTC day)</label>
        <input id="assign-due" name="due" type="date" required defaultValue={due.toISOString().slice(0, 10)} />
      </div>
      <button className="button button-primary" type="submit">
        Save
      </button>
    </ActionForm>
  );
}
