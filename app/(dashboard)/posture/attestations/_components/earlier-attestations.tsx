import { formatUtc } from '@/lib/format.ts';
import type { AttestationView } from '@/lib/posture/attestations.ts';
import { AttestationEvidence } from './attestation-evidence.tsx';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

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
    <details>
      <summary>
        {attestations.length} earlier attestation{attestations.length === 1 ? '' : 's'}
      </summary>
      <ScrollRegion label={`Earlier attestations of control ${controlId}`}>
        <table className="table">
          <thead>
            <tr>
              <th>Attested (UTC)</th>
              <th>By</th>
              <th>Expires (UTC)</th>
              <th>Statement</th>
              <th>Evidence</th>
              <th>Revoked</th>
            </tr>
          </thead>
          <tbody>
            {attestations.map((a) => (
              <tr key={a.id}>
                <td className="nowrap">{formatUtc(a.attestedAt)}</td>
                <td>{a.attestedBy}</td>
                <td className="nowrap">{formatUtc(a.expiresAt)}</td>
                <td>{a.statement}</td>
                <td>
                  <AttestationEvidence attestation={a} workspaceId={workspaceId} />
                </td>
                <td>
                  {a.revokedAt ? (
                    <>
                      {formatUtc(a.revokedAt)}
                      <div className="small muted">by {a.revokedBy ?? '—'}</div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
