'use client';
// Uploads files of GPTs saved from the Compliance API (air-gapped installs), one after another as raw bodies,
// then shows what each stored and every object it refused (by line or GPT id, field and reason).
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

type Outcome = {
  totals: { listed: number; created: number; changed: number; unchanged: number };
  issueCount: number;
  issues: { id: string; field: string; reason: string }[];
};
type Row = { name: string; outcome?: Outcome; error?: string };

async function send(file: File): Promise<Outcome> {
  const res = await fetch('/api/gpts/files', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Filename': encodeURIComponent(file.name) },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Outcome & { error?: { message?: string } };
  if (res.status === 201) return body;
  throw new Error(body.error?.message ?? `HTTP ${res.status}`);
}

export function GptUpload() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState(false);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    const next: Row[] = files.map((f) => ({ name: f.name }));
    setRows([...next]);
    for (const [i, file] of files.entries()) {
      try {
        next[i] = { ...next[i]!, outcome: await send(file) };
      } catch (error) {
        next[i] = { ...next[i]!, error: (error as Error).message };
      }
      setRows([...next]);
    }
    setBusy(false);
    router.refresh();
  }

  return (
    <form className="upload-form" onSubmit={upload} aria-label="Upload saved GPT files">
      <label className="file-label">
        GPT files saved from the Compliance API (.json or .jsonl: list pages, arrays, one GPT, or one per line)
        <input ref={input} type="file" name="files" multiple accept=".json,.jsonl,.ndjson,application/json" required />
      </label>
      <div>
        <button className="button button-primary" type="submit" disabled={busy}>
          {busy ? 'Storing…' : 'Upload and store GPTs'}
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
                <span className="small muted">Storing…</span>
              )}
              {r.outcome && r.outcome.issues.length > 0 && (
                <ul className="small">
                  {r.outcome.issues.slice(0, 10).map((q) => (
                    <li key={`${q.id}/${q.field}`}>
                      {q.id} · {q.field}: {q.reason}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Each GPT is stored once: uploading the same file again changes nothing. An object that is not a GPT as expected
        is refused with its line or id and field; the others are stored.
      </p>
    </form>
  );
}

function describeOutcome(o: Outcome): string {
  const t = o.totals;
  const parts = [
    `${t.listed} GPT${t.listed === 1 ? '' : 's'} read`,
    `${t.created} new`,
    `${t.changed} changed`,
    `${t.unchanged} unchanged`,
  ];
  if (o.issueCount) parts.push(`${o.issueCount} refused`);
  return parts.join(' · ');
}
