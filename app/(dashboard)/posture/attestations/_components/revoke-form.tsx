// Revokes the current attestation of a control (holders of attestations:write); the reason goes to the audit log.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { revokeAttestationAction } from '@/lib/posture/attestation-actions.ts';

export function RevokeForm({
  workspaceId,
  attestationId,
  controlId,
}: {
  workspaceId: string;
  attestationId: string;
  controlId: string;
}) {
  return (
    <ActionForm
      action={revokeAttestationAction}
      className="inline-form"
      label={`Revoke the attestation of control ${controlId}`}
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="attestationId" value={attestationId} />
      <label>
        Why it is revoked
        <textarea name="reason" rows={2} maxLength={2000} required />
      </label>
      <button className="button button-danger" type="submit">
        Revoke attestation
      </button>
    </ActionForm>
  );
}
