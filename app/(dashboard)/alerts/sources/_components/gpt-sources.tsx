// Sources → custom GPTs: the latest read from the Compliance API and from a file, what each refused, and the
// upload of saved GPT pages for installs that cannot reach the API (the same reader as `tollgate gpts import`).
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { latestGptReads, type ReadRunSummary } from '@/lib/gpts/queries.ts';
import { GptReadsTables } from './gpt-reads.tsx';
import { GptUpload } from './gpt-upload.tsx';

const SOURCE = { api: 'Compliance API', file: 'File import' } as Record<string, string>;

function outcome(r: ReadRunSummary): string {
  if (!r.finishedAt) return 'running';
  if (r.error) return `${r.complete ? 'complete' : 'partial'}: ${r.error}`;
  return r.complete ? 'complete' : 'partial (GPTs it did not list are kept as they were)';
}

function counts(r: ReadRunSummary): string {
  return [
    `${r.listed} listed`,
    `${r.created} new`,
    `${r.changed} changed`,
    `${r.unchanged} unchanged`,
    `${r.missing} gone`,
  ].join(' · ');
}

export async function GptSources({ db, workspaceId, canUpload }: Props) {
  const reads = await latestGptReads(db, workspaceId);
  return (
    <section className="panel" aria-labelledby="gpt-reads-title">
      <h2 id="gpt-reads-title">Custom GPTs</h2>
      <p className="small muted">
        GPTs are read from the Compliance API on the log puller’s schedule, or from files saved from it. Each GPT is
        stored once per configuration; an object not shaped as expected is refused and listed here.
      </p>
      {reads.length === 0 ? (
        <p className="muted">No GPT read yet.</p>
      ) : (
        <GptReadsTables
          reads={reads.map((r) => ({
            id: r.id,
            source: `${SOURCE[r.source] ?? r.source}${r.origin ? ` (${r.origin})` : ''}`,
            started: formatUtc(r.startedAt),
            outcome: outcome(r),
            counts: counts(r),
          }))}
          issues={reads.flatMap((r) =>
            r.issues.map((i, n) => ({
              key: `${r.id}/${n}`,
              read: SOURCE[r.source] ?? r.source,
              objectId: i.objectId,
              field: i.field,
              reason: i.reason,
              at: formatUtc(i.at),
            })),
          )}
        />
      )}
      {canUpload && (
        <>
          <h3>Upload saved GPT pages</h3>
          <GptUpload />
        </>
      )}
    </section>
  );
}

type Props = { db: PageContext['db']; workspaceId: string; canUpload: boolean };
