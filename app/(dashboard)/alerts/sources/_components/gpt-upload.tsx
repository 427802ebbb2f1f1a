'use client';
// Uploads files of GPTs saved from the Compliance API (air-gapped installs), one after another as raw bodies,
// then shows what each stored and every object it refused (by line or GPT id, field and reason).
import { FileUploads, type UploadAnswer } from '@/components/ui/file-uploads.tsx';

type Outcome = {
  totals: { listed: number; created: number; changed: number; unchanged: number };
  issueCount: number;
  issues: { id: string; field: string; reason: string }[];
};

function describe(o: Outcome): UploadAnswer {
  const t = o.totals;
  const parts = [
    `${t.listed} GPT${t.listed === 1 ? '' : 's'} read`,
    `${t.created} new`,
    `${t.changed} changed`,
    `${t.unchanged} unchanged`,
  ];
  if (o.issueCount) parts.push(`${o.issueCount} refused`);
  return {
    summary: parts.join(' · '),
    problems: o.issues.map((q) => ({ key: `${q.id}/${q.field}`, text: `${q.id} · ${q.field}: ${q.reason}` })),
  };
}

export function GptUpload() {
  return (
    <FileUploads<Outcome>
      endpoint="/api/gpts/files"
      label="Upload saved GPT files"
      className="upload-form"
      inputLabel={
        'GPT files saved from the Compliance API (.json or .jsonl: list pages, arrays, one GPT, or one per line)'
      }
      accept=".json,.jsonl,.ndjson,application/json"
      button="Upload and store GPTs"
      busyButton="Storing…"
      interrupted="the connection was interrupted; upload the file again (a GPT already stored is not stored twice)"
      describe={describe}
      footnote={
        'Each GPT is stored once: uploading the same file again changes nothing. An object that is not a GPT as ' +
        'expected is refused with its line or id and field; the others are stored.'
      }
    />
  );
}
