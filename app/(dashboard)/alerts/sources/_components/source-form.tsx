'use client';
// The Compliance API source of the workspace. The key fields are write-only: a key is never sent back, only
// whether one is stored.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveSourceAction } from '@/lib/logs/actions.ts';

const STORED = '(stored encrypted — leave empty to keep it)';

export function SourceForm(props: {
  workspaceId: string;
  baseUrl: string;
  logTypes: readonly string[];
  selected: string[];
  enabled: boolean;
  hasReadKey: boolean;
  hasActKey: boolean;
}) {
  return (
    <ActionForm action={saveSourceAction} className="source-form" label="Compliance API source">
      <input type="hidden" name="workspaceId" value={props.workspaceId} />
      <label>
        Base URL
        <input name="baseUrl" type="url" defaultValue={props.baseUrl} required />
      </label>
      <fieldset>
        <legend>Log types to pull</legend>
        {props.logTypes.map((t) => (
          <label key={t} className="check">
            <input type="checkbox" name="logTypes" value={t} defaultChecked={props.selected.includes(t)} /> {t}
          </label>
        ))}
      </fieldset>
      <label>
        Read key {props.hasReadKey && <span className="muted small">{STORED}</span>}
        <input name="apiKey" type="password" autoComplete="off" required={!props.hasReadKey} />
      </label>
      <label>
        Act key (optional) {props.hasActKey && <span className="muted small">{STORED}</span>}
        <input name="actKey" type="password" autoComplete="off" />
      </label>
      {props.hasActKey && (
        <label className="check">
          <input type="checkbox" name="removeActKey" /> Remove the stored act key
        </label>
      )}
      <label className="check">
        <input type="checkbox" name="enabled" defaultChecked={props.enabled} /> Pull every 15 minutes
      </label>
      <div>
        <button className="button button-primary" type="submit">
          Save source
        </button>
      </div>
    </ActionForm>
  );
}
