import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { listImports, MAX_IMPORT_BYTES } from '@/lib/agents/import/service.ts';
import { formatUtc } from '@/lib/format.ts';
import { CsvUploadForm } from '@/components/ui/csv-upload-form.tsx';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export const metadata: Metadata = { title: 'Import agents' };

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
        description={`Upload the Global Admin Console agent export for ${current.name}. You will see every invalid row and every change before anything is written.`}
      />
      <CsvUploadForm
        endpoint="/api/agents/imports"
        previewPath="/agents/import"
        workspaceId={current.id}
        maxBytes={MAX_IMPORT_BYTES}
        what="agent export"
        missingFile="Choose the CSV file exported from the Global Admin Console."
        fullExportLabel="This is a full export: agents it does not list are marked “not in latest export” (never deleted)"
        help="Columns: agent_id, agent_name, owner_email, connected_apps (apps separated by “;”, “|” or “,” inside quotes); an optional status column. Nothing changes until you review the preview and commit."
      />
      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">Imports</h2>
        {imports.length === 0 ? (
          <p className="muted">No import yet.</p>
        ) : (
          <ScrollRegion label="Imports">
            <table className="table">
              <thead>
                <tr>
                  <th>Uploaded (UTC)</th>
                  <th>By</th>
                  <th>File</th>
                  <th>Status</th>
                  <th className="num">New</th>
                  <th className="num">Changed</th>
                  <th className="num">Invalid rows</th>
                  <th>SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <td className="nowrap">
                      <Link href={`/agents/import/${i.id}`}>{formatUtc(i.uploadedAt)}</Link>
                    </td>
                    <td>{i.uploadedBy}</td>
                    <td>{i.filename}</td>
                    <td>{i.status}</td>
                    <td className="num">{(i.outcome ?? i.preview.counts).created}</td>
                    <td className="num">{(i.outcome ?? i.preview.counts).changed}</td>
                    <td className="num">{i.preview.errorCount}</td>
                    <td>
                      <code title={i.sha256}>{i.sha256.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
