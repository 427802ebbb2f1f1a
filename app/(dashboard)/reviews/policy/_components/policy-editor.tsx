'use client';
// Edit the approval policy. Unticking a guide category the policy still gates shows a confirmation the
// reviewer must tick; the server refuses the change without it too.
import { useState } from 'react';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { savePolicyAction } from '@/lib/reviews/policy-actions.ts';

type Props = {
  workspaceId: string;
  /** Checkbox per category: the guide's, then the policy's others, then the catalogue's. */
  categories: { name: string; guide: boolean; actions: string[] }[];
  required: string[];
  logged: string[];
};

export function PolicyEditor({ workspaceId, categories, required, logged }: Props) {
  const [checked, setChecked] = useState<Set<string>>(new Set(required));
  // After a save the page sends the saved policy: start again from it.
  const [savedKey, setSavedKey] = useState(required.join(','));
  if (savedKey !== required.join(',')) {
    setSavedKey(required.join(','));
    setChecked(new Set(required));
  }
  const dropped = categories
    .filter((c) => c.guide && required.includes(c.name) && !checked.has(c.name))
    .map((c) => c.name);
  const toggle = (name: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(name);
    else next.delete(name);
    setChecked(next);
  };
  return (
    <ActionForm action={savePolicyAction} className="editor-form" label="Approval policy">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <fieldset className="wide">
        <legend>Human approval required</legend>
        {categories.map((c) => (
          <label
            key={c.name}
            className="check"
            title={c.actions.length > 0 ? `Catalogue actions: ${c.actions.join(', ')}` : undefined}
          >
            <input
              type="checkbox"
              name="required"
              value={c.name}
              checked={checked.has(c.name)}
              onChange={(e) => toggle(c.name, e.target.checked)}
            />
            <code>{c.name}</code>
            {c.guide && <span className="badge">guide</span>}
          </label>
        ))}
      </fieldset>
      <label className="wide">
        Other categories needing a human approval (one per line, lower_snake_case)
        <textarea name="extraRequired" rows={3} maxLength={20000} placeholder="e.g. hr_record_update" />
      </label>
      <label className="wide">
        Logged-only actions (one per line)
        <textarea
          name="logged"
          rows={Math.max(3, logged.length + 1)}
          maxLength={20000}
          defaultValue={logged.join('\n')}
        />
      </label>
      {dropped.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements: a fieldset's min-content width could widen the alert
        <div className="alert alert-error wide" role="group" aria-labelledby="confirm-weaker-text">
          <p id="confirm-weaker-text">
            You are removing the human approval the guide requires for {dropped.join(', ')}. Agents could then run these
            actions without a person approving them, and the policy is shown as weaker than the guide.
          </p>
          <label className="check">
            <input type="checkbox" name="confirmWeaker" value="yes" required /> I confirm removing these guide
            categories from the policy
          </label>
        </div>
      )}
      <div className="wide">
        <button className="button button-primary" type="submit">
          Save approval policy
        </button>
      </div>
    </ActionForm>
  );
}
