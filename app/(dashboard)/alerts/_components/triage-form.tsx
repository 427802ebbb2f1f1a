'use client';
// Status, assignee and a note for one alert; the server keeps each change as a note and in the audit log.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { triageAlertAction } from '@/lib/alerts/actions.ts';

const LABELS: Record<string, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  false_positive: 'False positive',
};

export function TriageForm({
  workspaceId,
  alertId,
  status,
  assignee,
}: {
  workspaceId: string;
  alertId: string;
  status: string;
  assignee: string | null;
}) {
  return (
    <ActionForm action={triageAlertAction} className="triage-form" label="Triage this alert">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="alertId" value={alertId} />
      <label>
        Status
        <select name="status" defaultValue={status}>
          {Object.entries(LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <input name="assignee" type="email" defaultValue={assignee ?? ''} placeholder="name@example.com" />
      </label>
      <label className="wide">
        Note <span className="muted small">(required for a false positive)</span>
        <textarea name="note" rows={3} maxLength={4000} />
      </label>
      <div>
        <button className="button button-primary" type="submit">
          Save
        </button>
      </div>
    </ActionForm>
  );
}
