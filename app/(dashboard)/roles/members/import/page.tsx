import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { listMemberImports, MAX_MEMBER_IMPORT_BYTES } from '@/lib/roster/import/service.ts';
import { RolesTabs } from '@/app/(dashboard)/roles/_components/roles-tabs.tsx';
import { CsvUploadForm } from '@/components/ui/csv-upload-form.tsx';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export const metadata: Metadata = { title: 'Import members' };

export default async function MemberImportPage() {
  const { db, workspace: current } = await workspacePage('roster:write');
  if (!current)
    return <PageHeader title="Import members" description="No workspace yet. An administrator adds one in Settings." />;
  const imports = await listMemberImports(db, current.id);
  return (
    <>
      <RolesTabs active="members" />
      <p className="breadcrumb small">
        <Link href="/roles/members">Members</Link> / Import
      </p>
      <PageHeader
        title="Import members"
        description={`Upload the admin console members export for ${current.name}. You will see every invalid row and every change before anything is written.`}
      />
      <CsvUploadForm
        endpoint="/api/roster/imports"
        previewPath="/roles/members/import"
        workspaceId={current.id}
        maxBytes={MAX_MEMBER_IMPORT_BYTES}
        what="members export"
        missingFile="Choose the members CSV exported from the admin console."
        fullExportLabel="This is a full export: members imported from CSV that it no longer lists are marked “removed” (never deleted; SCIM-provisioned members are left to SCIM)"
        help="Columns: email, name, role (owner, admin or member), status (active, deactivated or removed), groups and agent_roles (each separated by “;”). Where SCIM already provisions a member, SCIM keeps their name, status and groups; the export supplies the workspace role and directly assigned agent roles. Nothing changes until you review the preview and commit."
      />
      <section className="panel" aria-labelledby="member-imports-title">
        <h2 id="member-imports-title">Imports</h2>
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
                  <th className="num">Removed</th>
                  <th className="num">Invalid rows</th>
                  <th>SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => {
                  const counts = i.outcome ?? i.preview.counts;
                  return (
                    <tr key={i.id}>
                      <td className="nowrap">
                        <Link href={`/roles/members/import/${i.id}`}>{formatUtc(i.uploadedAt)}</Link>
                      </td>
                      <td>{i.uploadedBy}</td>
                      <td>{i.filename}</td>
                      <td>{i.status}</td>
                      <td className="num">{counts.created}</td>
                      <td className="num">{counts.changed}</td>
                      <td className="num">{counts.removed}</td>
                      <td className="num">{i.preview.errorCount}</td>
                      <td>
                        <code title={i.sha256}>{i.sha256.slice(0, 12)}…</code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
