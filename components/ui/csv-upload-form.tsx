'use client';
// Uploads an export (CSV) with a real progress bar (XMLHttpRequest reports upload progress; fetch does not),
// then opens its preview. The body is the file itself, streamed to the server. Shared by the agent and
// members imports: nothing changes until the preview is reviewed and committed.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

export type CsvUploadProps = {
  /** The upload route, e.g. /api/agents/imports; ?ws=…&full=… are added. */
  endpoint: string;
  /** Where the preview lives: `${previewPath}/${id}`. */
  previewPath: string;
  workspaceId: string;
  maxBytes: number;
  /** "agent export", "members export" */
  what: string;
  missingFile: string;
  fullExportLabel: string;
  help: string;
};

export function CsvUploadForm(p: CsvUploadProps) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [full, setFull] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) return setError(p.missingFile);
    if (file.size > p.maxBytes) return setError(`The file is larger than ${Math.round(p.maxBytes / 1024 / 1024)} MB.`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${p.endpoint}?ws=${encodeURIComponent(p.workspaceId)}&full=${full ? 1 : 0}`);
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
        router.push(`${p.previewPath}/${body.id}`);
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

  const label = p.what.charAt(0).toUpperCase() + p.what.slice(1);
  return (
    <form
      className="panel upload-form"
      onSubmit={upload}
      aria-label={`Upload ${/^[aeiou]/i.test(p.what) ? 'an' : 'a'} ${p.what}`}
    >
      <label className="file-label">
        {label} (CSV)
        <input ref={input} type="file" name="file" accept=".csv,text/csv" required />
      </label>
      <label className="check">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} /> {p.fullExportLabel}
      </label>
      <div>
        <button className="button button-primary" type="submit" disabled={progress !== null && progress < 1}>
          Upload and preview
        </button>
      </div>
      {progress !== null && (
        <div className="progress-row">
          <progress max={1} value={progress} aria-label="Upload progress" />{' '}
          <span className="small muted">
            {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Checking every row…'}
          </span>
        </div>
      )}
      {error && (
        <p className="form-message error" role="alert">
          {error}
        </p>
      )}
      <p className="muted small">{p.help}</p>
    </form>
  );
}
