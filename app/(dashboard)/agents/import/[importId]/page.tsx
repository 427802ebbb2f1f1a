import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { discardImportAction } from '@/lib/agents/actions.ts';
import { getImport } from '@/lib/agents/import/service.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { formatUtc } from '@/lib/format.ts';
import { CommitPanel } from './_components/commit-panel.tsx';
import { ChangeList } from './_components/change-list.tsx';
import { NewlyExposed } from './_components/newly-exposed.tsx';
import { InvalidRows } from './_components/invalid-rows.tsx';

export const metadata: Metadata = { title: 'Import preview' };

export default async function ImportPreviewPage({ params }: { params: Promise<{ importId: string }> }) {
  const { db, workspace: current } = await workspacePage('agents:write');
  if (!current) notFound();
  const record = await getImport(db, current.id, (await params).importId).catch((e) =>
    e instanceof AppError && e.status === 404 ? null : Promise.reject(e),
  );
  if (!record) notFound();
  const { preview, outcome } = record;
  const counts = outcome ?? preview.counts;
  const description = [
    record.filename,
    `${record.size.toLocaleString('en')} bytes`,
    `SHA-256 ${record.sha256}`,
    `uploaded by ${record.uploadedBy} at ${formatUtc(record.uploadedAt)}`,
    record.fullExport ? 'full export' : 'partial export',
  ].join(' · ');

  return (
    <>
      <p className="breadcrumb small">
        <Link href="/agents">Agents</Link> / <Link href="/agents/import">Import</Link> / {record.filename}
      </p>
      <PageHeader
        title={
          record.status === 'committed'
            ? 'Import committed'
            : record.status === 'discarded'
              ? 'Import discarded'
              : 'Import preview'
        }
        description={description}
      />

      {preview.fatal && (
        <div className="alert alert-error" role="alert">
          <strong>Line {preview.fatal.line}:</strong> {preview.fatal.reason}. The file cannot be imported; fix it and
          upload it again.
        </div>
      )}

      <section className="panel" aria-labelledby="counts-title">
        <h2 id="counts-title">{record.status === 'committed' ? 'What the import did' : 'What the import would do'}</h2>
        <ul className="count-row">
          <li>
            <strong>{counts.created.toLocaleString('en')}</strong> new
          </li>
          <li>
            <strong>{counts.changed.toLocaleString('en')}</strong> changed
          </li>
          <li>
            <strong>{counts.unchanged.toLocaleString('en')}</strong> unchanged
          </li>
          <li>
            <strong>{counts.missing.toLocaleString('en')}</strong> not in this export
          </li>
          <li className={preview.errorCount ? 'count-bad' : undefined}>
            <strong>{preview.errorCount.toLocaleString('en')}</strong> invalid row{preview.errorCount === 1 ? '' : 's'}
          </li>
        </ul>
        {outcome ? (
          <NewlyExposed count={outcome.newlyTrifectaCount} agents={outcome.newlyTrifecta} done links />
        ) : (
          record.status === 'preview' &&
          preview.newlyExposedCount !== undefined && (
            <NewlyExposed
              count={preview.newlyExposedCount}
              agents={preview.newlyExposed ?? []}
              done={false}
              links={false}
            />
          )
        )}
        {record.status === 'preview' && (
          <div className="commit-actions">
            <CommitPanel
              workspaceId={current.id}
              importId={record.id}
              invalidRows={preview.errorCount}
              blocked={preview.fatal !== null}
            />
            <ActionForm action={discardImportAction} label="Discard import">
              <input type="hidden" name="workspaceId" value={current.id} />
              <input type="hidden" name="importId" value={record.id} />
              <button className="button" type="submit">
                Discard
              </button>
            </ActionForm>
          </div>
        )}
        {record.status === 'committed' && (
          <p className="small muted">
            Committed by {record.committedBy} at {formatUtc(record.committedAt)}.{' '}
            <Link href="/agents">Open the inventory</Link>.
          </p>
        )}
      </section>

      {preview.errorCount > 0 && (
        <section className="panel" aria-labelledby="errors-title">
          <h2 id="errors-title">Invalid rows{outcome ? ' (skipped)' : ''}</h2>
          <InvalidRows rows={preview.errors} importId={record.id} />
          {preview.errorCount > preview.errors.length && (
            <p className="muted small">Showing the first {preview.errors.length.toLocaleString('en')}.</p>
          )}
        </section>
      )}

      {record.status === 'preview' && (
        <ChangeList
          created={preview.created}
          changed={preview.changed}
          missing={preview.missing}
          counts={preview.counts}
          importId={record.id}
        />
      )}
    </>
  );
}
