import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { listImports, MAX_IMPORT_BYTES } from '@/lib/agents/import/service.ts';
import { formatUtc } from '@/lib/format.ts';
import { CsvUploadForm } from '@/components/ui/csv-upload-form.tsx';
import { ImportsTable } from './_components/imports-table.tsx';

export const metadata: Metadata = { title: 'Import agents' };

const FULL_EXPORT = [
  'This is a full export: agents it does not list',
  'are marked “not in latest export” (never deleted)',
].join(' ');
const HELP = [
  'Columns: agent_id, agent_name, owner_email, connected_apps',
  '(apps separated by “;”, “|” or “,” inside quotes); an optional status column.',
  `Up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB (a million agents is about 85 MB).`,
  'Nothing changes until you review the preview and commit.',
].join(' ');

export default async function ImportPage() {
  const { db, workspace: current } = await workspacePage('agents:write');
  if (!current)
    return <PageHeader title="Import agents" description="No workspace yet. An administrator adds one in Settings." />;
  const imports = await listImports(db, current.id);
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/agents">Agents</Link> / Import
      </p>
      <PageHeader
        title="Import agents"
        description={[
          `Upload the Global Admin Console agent export for ${current.name}.`,
          'You will see every invalid row and every change before anything is written.',
        ].join(' ')}
      />
      <CsvUploadForm
        endpoint="/api/agents/imports"
        previewPath="/agents/import"
        workspaceId={current.id}
        maxBytes={MAX_IMPORT_BYTES}
        what="agent export"
        missingFile="Choose the CSV file exported from the Global Admin Console."
        fullExportLabel={FULL_EXPORT}
        help={HELP}
      />
      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">Imports</h2>
        {imports.length === 0 ? (
          <p className="muted">No import yet.</p>
        ) : (
          <ImportsTable
            rows={imports.map((i) => ({
              id: i.id,
              uploaded: formatUtc(i.uploadedAt),
              by: i.uploadedBy,
              filename: i.filename,
              status: i.status,
              created: (i.outcome ?? i.preview.counts).created,
              changed: (i.outcome ?? i.preview.counts).changed,
              invalid: i.preview.errorCount,
              sha256: i.sha256,
            }))}
          />
        )}
      </section>
    </>
  );
}
