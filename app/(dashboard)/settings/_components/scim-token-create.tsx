'use client';
// Creates a SCIM token and shows it once, with a copy button; after a reload only its prefix remains.
import { useActionState } from 'react';
import { SecretOnce } from '@/components/ui/secret-once.tsx';
import type { ActionResult } from '@/lib/http/action.ts';
import type { CreatedScimToken } from '@/lib/scim/actions.ts';

type Action = (prev: unknown, formData: FormData) => Promise<ActionResult<CreatedScimToken>>;

export function ScimTokenCreate({
  action,
  workspaces,
  defaultWorkspaceId,
}: {
  action: Action;
  workspaces: { id: string; name: string }[];
  defaultWorkspaceId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const created = state?.ok ? state.data : undefined;

  return (
    <form action={formAction} className="inline-form" aria-label="Create a SCIM token" aria-busy={pending}>
      <label>
        Workspace
        <select name="workspaceId" defaultValue={defaultWorkspaceId} required>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label <input name="label" required maxLength={80} placeholder="Okta production" />
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
        <SecretOnce message={state?.message} label={`New SCIM token ${created.label}`} secret={created.token}>
          Paste it in the IdP as the bearer token (Okta: API Token; Entra ID: Secret Token).
        </SecretOnce>
      )}
    </form>
  );
}
