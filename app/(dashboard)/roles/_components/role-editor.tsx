'use client';
// Edit one baseline role. Granting a high-risk dimension (publish, shared connections, Slack bot) shows a
// confirmation the admin must tick; the server refuses the grant without it too.
import { useState } from 'react';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { saveBaselineRoleAction } from '@/lib/roles/actions.ts';
import { DIMENSION_LABELS, DIMENSIONS, HIGH_RISK, type Dimension, type RoleSpec } from '@/lib/roles/dimensions.ts';

const SHARED_WARNING = [
  ' The guide withholds publishing with shared connections from every role:',
  'it lets an agent run with one set of credentials for everyone who uses it.',
].join(' ');

export function RoleEditor({
  workspaceId,
  role,
  isNew,
  groups,
}: {
  workspaceId: string;
  role: RoleSpec;
  isNew: boolean;
  groups: string[];
}) {
  const [granted, setGranted] = useState<Record<Dimension, boolean>>(role.permissions);
  const newlyRisky = HIGH_RISK.filter((d) => granted[d] && !role.permissions[d]);
  return (
    <section className="panel" id="editor" aria-labelledby="role-editor-title">
      <h2 id="role-editor-title">{isNew ? 'Add a baseline role' : `Edit baseline role ${role.name}`}</h2>
      <ActionForm action={saveBaselineRoleAction} className="editor-form governance-form" label="Baseline role">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {!isNew && <input type="hidden" name="originalName" value={role.name} />}
        <label>
          Role name <input name="name" defaultValue={role.name} required maxLength={100} />
        </label>
        <label>
          IdP group (SCIM)
          <input
            name="groupName"
            defaultValue={role.groupName ?? ''}
            list="roster-groups"
            maxLength={256}
            placeholder="e.g. agents-build"
          />
          <datalist id="roster-groups">
            {groups.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
        </label>
        <label className="wide">
          Description <input name="description" defaultValue={role.description} maxLength={1000} />
        </label>
        <fieldset className="wide">
          <legend>Agent permissions</legend>
          {DIMENSIONS.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                name="dimensions"
                value={d}
                checked={granted[d]}
                onChange={(e) => setGranted({ ...granted, [d]: e.target.checked })}
              />
              {DIMENSION_LABELS[d]}
              {HIGH_RISK.includes(d) && <span className="tag tag-warn">high risk</span>}
            </label>
          ))}
        </fieldset>
        {newlyRisky.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: a fieldset's min-content width could widen the box
          <div className="confirm-box" role="group" aria-labelledby="confirm-risk-text">
            <p id="confirm-risk-text">
              You are granting {newlyRisky.map((d) => DIMENSION_LABELS[d]).join(', ')} to {role.name || 'this role'}.
              {newlyRisky.includes('publish_agents_with_shared_connections') && SHARED_WARNING} This changes what is
              approved, not the workspace itself.
            </p>
            <label className="check">
              <input type="checkbox" name="confirmHighRisk" value="yes" required /> I confirm these high-risk grants in
              the approved baseline
            </label>
          </div>
        )}
        <div className="wide">
          <button className="button button-primary" type="submit">
            Save baseline role
          </button>{' '}
          <a className="button" href="/roles">
            Cancel
          </a>
        </div>
      </ActionForm>
    </section>
  );
}
