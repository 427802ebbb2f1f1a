import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { discardMemberImportAction } from '@/lib/roster/actions.ts';
import { getMemberImport } from '@/lib/roster/import/service.ts';
import { RolesTabs } from '@/app/(dashboard)/roles/_components/roles-tabs.tsx';
import { CommitForm } from './_components/commit-form.tsx';
import { MemberChangeList } from './_components/member-change-list.tsx';
import { InvalidRowsTable } from './_components/member-tables.tsx';

export const metadata: Metadata = { title: 'Members import preview' };

export default async function MemberImportPreviewPage({ params }: { params: Promise<{ importId: string }> }) {
  const { db, workspace: current } = await workspacePage('roster:write');
  if (!current) notFound();
  const record = await getMemberImport(db, current.id, (await params).importId).catch((e) =>
    e instanceof AppError && e.status === 404 ? null : Promise.reject(e),
  );
  if (!record) notFound();
  const { preview, outcome } = record;
  const counts = outcome ?? preview.counts;
  const groupsCreated = outcome?.groupsCreated.length ? ` · groups created: ${outcome.groupsCreated.join(', ')}` : '';

  return (
    <>
      <RolesTabs active="members" />
      <p className="breadcrumb small">
        <Link href="/roles/members">Members</Link> / <Link href="/roles/members/import">Import</Link> /{' '}
        {record.filename}
      </p>
      <PageHeader
        title={
          record.status === 'committed'
            ? 'Import committed'
            : record.status === 'discarded'
              ? 'Import discarded'
              : 'Import preview'
        }
        description={[
          record.filename,
          `${record.size.toLocaleString('en')} bytes`,
          `SHA-256 ${record.sha256}`,
          `uploaded by ${record.uploadedBy} at ${formatUtc(record.uploadedAt)}`,
          record.fullExport ? 'full export' : 'partial export',
        ].join(' · ')}
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
            <strong>{counts.removed.toLocaleString('en')}</strong> marked removed
          </li>
          <li>
            <strong>{counts.scimKept.toLocaleString('en')}</strong> kept from SCIM
          </li>
          <li className={preview.errorCount ? 'count-bad' : undefined}>
            <strong>{preview.errorCount.toLocaleString('en')}</strong> invalid row{preview.errorCount === 1 ? '' : 's'}
          </li>
        </ul>
        {record.status === 'preview' && (
          <div className="commit-actions">
            <CommitForm
              workspaceId={current.id}
              importId={record.id}
              invalidRows={preview.errorCount}
              blocked={preview.fatal !== null}
            />
            <ActionForm action={discardMemberImportAction} label="Discard import">
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
            Committed by {record.committedBy} at {formatUtc(record.committedAt)}
            {groupsCreated}. <Link href="/roles/members">Open the roster</Link>.
          </p>
        )}
      </section>
      {preview.errorCount > 0 && (
        <section className="panel" aria-labelledby="errors-title">
          <h2 id="errors-title">Invalid rows{outcome ? ' (skipped)' : ''}</h2>
          <InvalidRowsTable rows={preview.errors} />
          {preview.errorCount > preview.errors.length && (
            <p className="muted small">Showing the first {preview.errors.length.toLocaleString('en')}.</p>
          )}
        </section>
      )}
      {record.status === 'preview' && <MemberChangeList preview={preview} />}
    </>
  );
}
