'use client';
// The Compliance API source of the workspace. The key field is write-only: it is never sent back.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveSourceAction } from '@/lib/logs/actions.ts';

export function SourceForm(props: {
  workspaceId: string;
  baseUrl: string;
  logTypes: readonly string[];
  selected: string[];
  enabled: boolean;
  hasKey: boolean;
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
        API key {props.hasKey && <span className="muted small">(stored encrypted; leave empty to keep it)</span>}
        <input name="apiKey" type="password" autoComplete="off" required={!props.hasKey} />
      </label>
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
