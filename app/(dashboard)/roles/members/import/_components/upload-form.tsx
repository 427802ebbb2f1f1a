'use client';
// Uploads a members export with upload progress (XMLHttpRequest reports it; fetch does not), then opens its preview.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

export function UploadForm({ workspaceId, maxBytes }: { workspaceId: string; maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [full, setFull] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) return setError('Choose the members CSV exported from the admin console.');
    if (file.size > maxBytes) return setError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/roster/imports?ws=${encodeURIComponent(workspaceId)}&full=${full ? 1 : 0}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; error?: { message: string } } = {};
      try {
        body = JSON.parse(xhr.responseText || '{}') as typeof body;
      } catch {
        // A proxy's HTML error page: reported by status below.
      }
      if (xhr.status === 201 && body.id) {
        setProgress(1);
        router.push(`/roles/members/import/${body.id}`);
      } else {
        setProgress(null);
        setError(body.error?.message ?? `Upload failed (HTTP ${xhr.status}).`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError('Upload failed: the connection was interrupted. Nothing was imported.');
    };
    setProgress(0);
    xhr.send(file);
  }

  return (
    <form className="panel upload-form" onSubmit={upload} aria-label="Upload a members export">
      <label className="file-label">
        Members export (CSV)
        <input ref={input} type="file" name="file" accept=".csv,text/csv" required />
      </label>
      <label className="check">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> This is a full export: members imported from CSV that it no longer lists are marked “removed” (never deleted; SCIM-provisioned members are left to SCIM)
      </label>
      <div>
        <button className="button button-primary" type="submit" disabled={progress !== null && progress < 1}>Upload and preview</button>
      </div>
      {progress !== null && (
        <div className="progress-row">
          <progress max={1} value={progress} aria-label="Upload progress" /> <span className="small muted">{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Checking every row…'}</span>
        </div>
      )}
      {error && <p className="form-message error" role="alert">{error}</p>}
      <p className="muted small">Columns: email, name, role (owner, admin or member), status (active, deactivated or removed), groups and agent_roles (each separated by “;”). Where SCIM already provisions a member, SCIM keeps their name, status and groups; the export supplies the workspace role and directly assigned agent roles. Nothing changes until you review the preview and commit.</p>
    </form>
  );
}
