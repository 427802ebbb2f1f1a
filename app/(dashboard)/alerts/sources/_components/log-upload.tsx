'use client';
// Uploads Compliance Logs files one after another, each streamed as the request body with its own
// progress bar (XMLHttpRequest reports upload progress; fetch does not), then shows what was stored.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

type Outcome = {
  status: string;
  lines: number;
  inserted: number;
  duplicates: number;
  quarantinedCount: number;
  quarantined: { line: number; reason: string }[];
  repeatOf: string | null;
  error: string | null;
};
type Row = { name: string; progress: number; outcome?: Outcome; error?: string };

function send(file: File, onProgress: (p: number) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/logs/files');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as unknown;
      if (xhr.status === 201) return resolve(body as Outcome);
      const failure = (body as { error?: { message?: string } }).error;
      reject(new Error(failure?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () =>
      reject(new Error('the connection was interrupted; run the upload again (stored events are never duplicated)'));
    xhr.send(file);
  });
}

export function LogUpload() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    const next: Row[] = files.map((f) => ({ name: f.name, progress: 0 }));
    setRows([...next]);
    for (const [i, file] of files.entries()) {
      try {
        const outcome = await send(file, (p) => {
          next[i] = { ...next[i]!, progress: p };
          setRows([...next]);
        });
        next[i] = { ...next[i]!, progress: 1, outcome };
      } catch (error) {
        next[i] = { ...next[i]!, error: (error as Error).message };
      }
      setRows([...next]);
    }
    setBusy(false);
    router.refresh();
  }

  return (
    <form className="panel upload-form" onSubmit={upload} aria-label="Upload Compliance Logs files">
      <h2>Upload files</h2>
      <label className="file-label">
        Compliance Logs files (.jsonl or .jsonl.gz, several at once)
        <input ref={input} type="file" name="files" multiple accept=".jsonl,.gz,.ndjson,application/gzip" required />
      </label>
      <div>
        <button className="button button-primary" type="submit" disabled={busy}>
          Upload and store
        </button>
      </div>
      {rows.length > 0 && (
        <ul className="upload-results">
          {rows.map((r) => (
            <li key={r.name}>
              <strong>{r.name}</strong>{' '}
              {r.error ? (
                <span className="form-message error" role="alert">
                  {r.error}
                </span>
              ) : r.outcome ? (
                <span role="status">{describeOutcome(r.outcome)}</span>
              ) : (
                <>
                  <progress max={1} value={r.progress} aria-label={`Upload progress of ${r.name}`} />{' '}
                  <span className="small muted">
                    {r.progress < 1 ? `${Math.round(r.progress * 100)}%` : 'Storing…'}
                  </span>
                </>
              )}
              {r.outcome && r.outcome.quarantined.length > 0 && (
                <ul className="small">
                  {r.outcome.quarantined.slice(0, 10).map((q) => (
                    <li key={q.line}>
                      line {q.line}: {q.reason}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Each event is stored once per (principal, event_id): uploading a file again, or a file that overlaps another,
        changes nothing. Bad lines are quarantined with their line number; the rest of the file is stored.
      </p>
    </form>
  );
}

function describeOutcome(o: Outcome): string {
  if (o.status === 'repeat') return `already ingested: ${o.duplicates} events, nothing new.`;
  const parts = [`${o.lines} lines`, `${o.inserted} new events`, `${o.duplicates} already stored`];
  if (o.quarantinedCount) parts.push(`${o.quarantinedCount} quarantined`);
  return `${parts.join(' · ')}${o.error ? ` — ${o.error}` : ''}`;
}
