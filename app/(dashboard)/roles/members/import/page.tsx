import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { listMemberImports, MAX_MEMBER_IMPORT_BYTES } from '@/lib/roster/import/service.ts';
import { RolesTabs } from '@/app/(dashboard)/roles/_components/roles-tabs.tsx';
import { CsvUploadForm } from '@/components/ui/csv-upload-form.tsx';
import { ImportsTable } from './_components/imports-table.tsx';

export const metadata: Metadata = { title: 'Import members' };

const FULL_EXPORT = [
  'This is a full export: members imported from CSV that it no longer lists are marked “removed”',
  '(never deleted; SCIM-provisioned members are left to SCIM)',
].join(' ');
const HELP = [
  'Columns: email, name, role (owner, admin or member), status (active, deactivated or removed), groups and',
  'agent_roles (each separated by “;”). Where SCIM already provisions a member, SCIM keeps their name, status',
  'and groups; the export supplies the workspace role and directly assigned agent roles.',
  'Nothing changes until you review the preview and commit.',
].join(' ');

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
        description={[
          `Upload the admin console members export for ${current.name}.`,
          'You will see every invalid row and every change before anything is written.',
        ].join(' ')}
      />
      <CsvUploadForm
        endpoint="/api/roster/imports"
        previewPath="/roles/members/import"
        workspaceId={current.id}
        maxBytes={MAX_MEMBER_IMPORT_BYTES}
        what="members export"
        missingFile="Choose the members CSV exported from the admin console."
        fullExportLabel={FULL_EXPORT}
        help={HELP}
      />
      <section className="panel" aria-labelledby="member-imports-title">
        <h2 id="member-imports-title">Imports</h2>
        {imports.length === 0 ? (
          <p className="muted">No import yet.</p>
        ) : (
          <ImportsTable
            rows={imports.map((i) => {
              const counts = i.outcome ?? i.preview.counts;
              return {
                id: i.id,
                uploadedAt: formatUtc(i.uploadedAt),
                uploadedBy: i.uploadedBy,
                filename: i.filename,
                status: i.status,
                created: counts.created,
                changed: counts.changed,
                removed: counts.removed,
                invalid: i.preview.errorCount,
                sha256: i.sha256,
              };
            })}
          />
        )}
      </section>
    </>
  );
}
