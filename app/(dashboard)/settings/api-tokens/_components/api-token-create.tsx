'use client';
// Creates an API token and shows it once, with a copy button and a warning; after a reload only its prefix remains.
import { useActionState } from 'react';
import { SecretOnce } from '@/components/ui/secret-once.tsx';
import type { CreatedApiToken } from '@/lib/api-tokens/actions.ts';
import type { ActionResult } from '@/lib/http/action.ts';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<CreatedApiToken>>;

type Props = {
  action: Action;
  roles: { value: string; label: string }[];
  defaultRole?: string;
  workspaces: { id: string; name: string }[];
  expiries: readonly number[];
  defaultExpiry: number;
  allWorkspaces: string;
  defaultWorkspaceId?: string;
};

export function ApiTokenCreate({ action, roles, workspaces, expiries, defaultExpiry, allWorkspaces, ...rest }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const created = state?.ok ? state.data : undefined;

  return (
    <form action={formAction} className="inline-form" aria-label="Create an API token" aria-busy={pending}>
      <label>
        Label <input name="label" required maxLength={80} placeholder="SIEM alert pull" />
      </label>
      <label>
        Role
        <select name="role" defaultValue={rest.defaultRole} required>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Workspace
        <select name="workspace" defaultValue={rest.defaultWorkspaceId ?? allWorkspaces} required>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
          <option value={allWorkspaces}>All workspaces</option>
        </select>
      </label>
      <label>
        Expires in
        <select name="days" defaultValue={String(defaultExpiry)} required>
          {expiries.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </label>
      <button className="button button-primary" type="submit" disabled={pending}>
        Create token
      </button>
      {state && !state.ok && (
        <p className="form-message error" role="alert">
          {state.message}
        </p>
      )}
      {created && (
        <SecretOnce message={state?.message} label={`New API token ${created.label}`} secret={created.token}>
          Anyone holding it acts as you with the {created.role} role until {created.expiresAt.slice(0, 10)}. Keep it in
          a secret store; send it as <code>Authorization: Bearer …</code>.
        </SecretOnce>
      )}
    </form>
  );
}
