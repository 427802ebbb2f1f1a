'use client';
// Change the response policy (admins): each rule off, dry run or on, and why. Saving makes a new version and runs the
// rules at once; the server refuses anything but the three rules and the three modes.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveResponsePolicyAction } from '@/lib/platform/policies/actions.ts';

type Props = {
  workspaceId: string;
  rules: { key: string; label: string; when: string; mode: string }[];
  modes: { value: string; label: string }[];
};

export function PolicyEditor({ workspaceId, rules, modes }: Props) {
  return (
    <ActionForm action={saveResponsePolicyAction} className="editor-form policy-form" label="Response policy">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {rules.map((r) => (
        <fieldset key={r.key} className="wide">
          <legend>{r.label}</legend>
          <p className="muted">{r.when}</p>
          {modes.map((m) => (
            <label key={m.value} className="check">
              <input type="radio" name={r.key} value={m.value} defaultChecked={r.mode === m.value} /> {m.label}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="wide">
        Why this change (kept with the version)
        <input type="text" name="note" maxLength={2000} />
      </label>
      <button type="submit" className="button">
        Save a new version
      </button>
    </ActionForm>
  );
}
