'use client';
// Uploads files one after another, each streamed as the raw request body with its own progress bar
// (XMLHttpRequest reports upload progress; fetch does not), then shows what each stored and what it refused.
// Shared by the Sources page's uploads (Compliance Logs files, saved GPT pages): each says only where it posts,
// how its answer reads and what its files are.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

/** How one file's answer reads: a summary line and the objects or lines refused (the first ten are listed). */
export type UploadAnswer = { summary: string; problems: { key: string; text: string }[] };

export type FileUploadsProps<O> = {
  /** The upload route; the body is the file, its name in X-Filename. It answers 201 with `O`. */
  endpoint: string;
  /** The form's accessible name. */
  label: string;
  className: string;
  heading?: string;
  inputLabel: string;
  accept: string;
  button: string;
  busyButton?: string;
  /** Said when the connection breaks mid-upload (what to do about it). */
  interrupted: string;
  describe: (outcome: O) => UploadAnswer;
  footnote: React.ReactNode;
};

type Row = { name: string; progress: number; answer?: UploadAnswer; error?: string };

function send<O>(endpoint: string, file: File, interrupted: string, onProgress: (p: number) => void): Promise<O> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', endpoint);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201) return resolve(body as O);
      const failure = (body as { error?: { message?: string } }).error;
      reject(new Error(failure?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error(interrupted));
    xhr.send(file);
  });
}

export function FileUploads<O>(p: FileUploadsProps<O>) {
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
        const outcome = await send<O>(p.endpoint, file, p.interrupted, (progress) => {
          next[i] = { ...next[i]!, progress };
          setRows([...next]);
        });
        next[i] = { ...next[i]!, progress: 1, answer: p.describe(outcome) };
      } catch (error) {
        next[i] = { ...next[i]!, error: (error as Error).message };
      }
      setRows([...next]);
    }
    setBusy(false);
    router.refresh();
  }

  return (
    <form className={p.className} onSubmit={upload} aria-label={p.label}>
      {p.heading && <h2>{p.heading}</h2>}
      <label className="file-label">
        {p.inputLabel}
        <input ref={input} type="file" name="files" multiple accept={p.accept} required />
      </label>
      <div>
        <button className="button button-primary" type="submit" disabled={busy}>
          {busy && p.busyButton ? p.busyButton : p.button}
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
              ) : r.answer ? (
                <span role="status">{r.answer.summary}</span>
              ) : (
                <>
                  <progress max={1} value={r.progress} aria-label={`Upload progress of ${r.name}`} />{' '}
                  <span className="small muted">
                    {r.progress < 1 ? `${Math.round(r.progress * 100)}%` : 'Storing…'}
                  </span>
                </>
              )}
              {r.answer && r.answer.problems.length > 0 && (
                <ul className="small">
                  {r.answer.problems.slice(0, 10).map((q) => (
                    <li key={q.key}>{q.text}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{p.footnote}</p>
    </form>
  );
}
