import type { SignoffView } from '@/lib/checklist/service.ts';

/** A sign-off's evidence: its https link, or its stored file as a download with the start of its SHA-256. */
export function SignoffEvidence({ signoff, workspaceId }: { signoff: SignoffView; workspaceId: string }) {
  if (signoff.evidenceUrl)
    return (
      <a href={signoff.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
        {signoff.evidenceUrl}
      </a>
    );
  if (!signoff.filename) return <span className="muted">—</span>;
  const file = `/api/checklist/signoffs/${encodeURIComponent(signoff.id)}/evidence`;
  const href = `${file}?ws=${encodeURIComponent(workspaceId)}`;
  return (
    <>
      <a href={href} download>
        {signoff.filename}
      </a>
      <span className="small muted">
        {' '}
        {(signoff.size ?? 0).toLocaleString('en-US')} byte{signoff.size === 1 ? '' : 's'}
      </span>
      {signoff.sha256 && (
        <>
          {' '}
          <code className="small" title={`SHA-256 ${signoff.sha256}`}>
            sha256 {signoff.sha256.slice(0, 12)}…
          </code>
        </>
      )}
    </>
  );
}
