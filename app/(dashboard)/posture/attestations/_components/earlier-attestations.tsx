import { formatUtc } from '@/lib/format.ts';
import type { AttestationView } from '@/lib/posture/attestations.ts';
import { AttestationEvidence } from './attestation-evidence.tsx';
import { EarlierAttestationsTable } from './earlier-attestations-table.tsx';

/** A control's attestations other than the current one, newest first: older ones and revoked ones. */
export function EarlierAttestations({
  controlId,
  attestations,
  workspaceId,
}: {
  controlId: string;
  attestations: AttestationView[];
  workspaceId: string;
}) {
  return (
    <EarlierAttestationsTable
      controlId={controlId}
      rows={attestations.map((a) => ({
        id: a.id,
        attestedAt: formatUtc(a.attestedAt),
        attestedBy: a.attestedBy,
        expiresAt: formatUtc(a.expiresAt),
        statement: a.statement,
        evidence: <AttestationEvidence attestation={a} workspaceId={workspaceId} />,
        evidenceText: a.evidenceUrl ?? a.filename ?? '',
        revokedAt: a.revokedAt ? formatUtc(a.revokedAt) : null,
        revokedBy: a.revokedBy,
      }))}
    />
  );
}
