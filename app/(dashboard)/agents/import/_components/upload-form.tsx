'use client';
// Uploads an agent export with a real progress bar (XMLHttpRequest reports upload progress; fetch does not),
// then opens its preview. The body is the file itself, streamed to the server.
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
    if (!file) return setError('Choose the CSV file exported from the Global Admin Console.');
    if (file.size > maxBytes) return setError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/agents/imports?ws=${encodeURIComponent(workspaceId)}&full=${full ? 1 : 0}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as { id?: string; error?: { message: string } };
      if (xhr.status === 201 && body.id) {
        setProgress(1);
        router.push(`/agents/import/${body.id}`);
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
    <form className="panel upload-form" onSubmit={upload} aria-label="Upload an agent export">
      <label className="file-label">
        Agent export (CSV)
        <input ref={input} type="file" name="file" accept=".csv,text/csv" required />
      </label>
      <label className="check">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> This is a full export: agents it does not list are marked “not in latest export” (never deleted)
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
      <p className="muted small">Columns: agent_id, agent_name, owner_email, connected_apps (apps separated by “;”, “|” or “,” inside quotes); an optional status column. Nothing changes until you review the preview and commit.</p>
    </form>
  );
}
