'use client';
// Revoke with a confirmation step: the first click only asks, so a stray click cannot break an integration.
import { useState } from 'react';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { revokeApiTokenAction } from '@/lib/api-tokens/actions.ts';

export function RevokeToken({ id, label }: { id: string; label: string }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button className="button button-small" type="button" onClick={() => setAsking(true)}>
        Revoke…
      </button>
    );
  return (
    <ActionForm action={revokeApiTokenAction} className="revoke-confirm" label={`Revoke the API token ${label}`}>
      <input type="hidden" name="tokenId" value={id} />
      <span className="small">Calls with it will fail.</span>
      <button className="button button-small button-danger" type="submit">
        Revoke now
      </button>
      <button className="button button-small" type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </ActionForm>
  );
}
