'use client';
// Edit one app's baseline action control. Custom lists come from the catalogue's actions (free text for MCP servers).
import { useState } from 'react';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveBaselineControlAction } from '@/lib/action-control/actions.ts';
import { MODES, packKeyOf, type ControlSpec, type Mode } from '@/lib/action-control/types.ts';

type Action = { name: string; externalSend: boolean; access: string };

export function ControlEditor({
  workspaceId,
  control,
  name,
  actions,
}: {
  workspaceId: string;
  control: ControlSpec;
  name: string;
  actions: Action[] | null;
}) {
  const [mode, setMode] = useState<Mode>(control.mode);
  return (
    <section className="panel" id="editor" aria-labelledby="control-editor-title">
      <h2 id="control-editor-title">
        Baseline action control for {name} <span className="mono small muted">{packKeyOf(control.appId)}</span>
      </h2>
      <ActionForm
        action={saveBaselineControlAction}
        className="editor-form governance-form"
        label={`Baseline action control for ${name}`}
      >
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="appId" value={control.appId} />
        <label className="check">
          <input type="checkbox" name="enabled" value="yes" defaultChecked={control.enabled} /> Enabled in the workspace
        </label>
        <label>
          Action control
          <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Newly added actions
          <select name="newActionsDefault" defaultValue={control.newActionsDefault}>
            <option value="deny">deny</option>
            <option value="allow">allow</option>
          </select>
        </label>
        {mode === 'allow_all' && (
          <p className="wide alert alert-warning">The guide: never use allow_all on a workspace that hosts agents.</p>
        )}
        {mode === 'custom' &&
          (actions && actions.length > 0 ? (
            <>
              <ActionPick legend="Allowed actions" name="allowed" actions={actions} checked={control.allowedActions} />
              <ActionPick
                legend="Denied actions (deny every external-send action to close this app’s send leg)"
                name="denied"
                actions={actions}
                checked={control.deniedActions}
              />
            </>
          ) : (
            <>
              <label className="wide">
                Allowed tools (comma-separated){' '}
                <input name="allowedText" defaultValue={control.allowedActions.join(', ')} />
              </label>
              <label className="wide">
                Denied tools (comma-separated){' '}
                <input name="deniedText" defaultValue={control.deniedActions.join(', ')} />
              </label>
            </>
          ))}
        <div className="wide">
          <button className="button button-primary" type="submit">
            Save baseline control
          </button>{' '}
          <a className="button" href="/apps/action-control">
            Cancel
          </a>
        </div>
      </ActionForm>
    </section>
  );
}

/** One list of the catalogue's actions to tick: the allowed half and the denied half of a custom control. */
function ActionPick(p: { legend: string; name: 'allowed' | 'denied'; actions: Action[]; checked: string[] }) {
  return (
    <fieldset className="wide">
      <legend>{p.legend}</legend>
      <div className="action-pick">
        {p.actions.map((a) => (
          <label key={a.name} className="check">
            <input type="checkbox" name={p.name} value={a.name} defaultChecked={p.checked.includes(a.name)} />{' '}
            <span className={a.externalSend ? 'chip chip-send' : a.access === 'write' ? 'chip chip-write' : 'chip'}>
              {a.name}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
