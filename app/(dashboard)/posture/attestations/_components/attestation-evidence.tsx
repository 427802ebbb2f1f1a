import type { AttestationView } from '@/lib/posture/attestations.ts';

/** An attestation's evidence: its https link, or its stored file as a download with the start of its SHA-256. */
export function AttestationEvidence({
  attestation,
  workspaceId,
}: {
  attestation: AttestationView;
  workspaceId: string;
}) {
  if (attestation.evidenceUrl)
    return (
      <a href={attestation.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
        {attestation.evidenceUrl}
      </a>
    );
  if (!attestation.filename) return <span className="muted">—</span>;
  return (
    <>
      <a
        href={`/api/attestations/${encodeURIComponent(attestation.id)}/evidence?ws=${encodeURIComponent(workspaceId)}`}
        download
      >
        {attestation.filename}
      </a>
      <span className="small muted">
        {' '}
        {(attestation.size ?? 0).toLocaleString('en-US')} byte{attestation.size === 1 ? '' : 's'}
      </span>
      {attestation.sha256 && (
        <>
          {' '}
          <code className="small" title={`SHA-256 ${attestation.sha256}`}>
            sha256 {attestation.sha256.slice(0, 12)}…
          </code>
        </>
      )}
    </>
  );
}
