'use client';
// Uploads Compliance Logs files one after another, each streamed as the request body with its own progress bar,
// then shows what was stored and the lines quarantined.
import { FileUploads, type UploadAnswer } from '@/components/ui/file-uploads.tsx';

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

function describe(o: Outcome): UploadAnswer {
  const problems = o.quarantined.map((q) => ({ key: String(q.line), text: `line ${q.line}: ${q.reason}` }));
  if (o.status === 'repeat') return { summary: `already ingested: ${o.duplicates} events, nothing new.`, problems };
  const parts = [`${o.lines} lines`, `${o.inserted} new events`, `${o.duplicates} already stored`];
  if (o.quarantinedCount) parts.push(`${o.quarantinedCount} quarantined`);
  return { summary: `${parts.join(' · ')}${o.error ? ` — ${o.error}` : ''}`, problems };
}

export function LogUpload() {
  return (
    <FileUploads<Outcome>
      endpoint="/api/logs/files"
      label="Upload Compliance Logs files"
      className="panel upload-form"
      heading="Upload files"
      inputLabel="Compliance Logs files (.jsonl or .jsonl.gz, several at once)"
      accept=".jsonl,.gz,.ndjson,application/gzip"
      button="Upload and store"
      interrupted="the connection was interrupted; run the upload again (stored events are never duplicated)"
      describe={describe}
      footnote={
        'Each event is stored once per (principal, event_id): uploading a file again, or a file that overlaps ' +
        'another, changes nothing. Bad lines are quarantined with their line number; the rest of the file is stored.'
      }
    />
  );
}
