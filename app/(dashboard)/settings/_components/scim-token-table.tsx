'use client';
// Settings → SCIM provisioning: the tokens on the shared DataTable (prefix only, never the secret), with Revoke
// for an admin.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { formatUtc } from '@/lib/format.ts';
import { revokeScimTokenAction } from '@/lib/scim/actions.ts';

export type ScimTokenRow = {
  id: string;
  workspaceId: string;
  /** The workspace's name, or its id when it has none in view. */
  workspace: string;
  label: string;
  prefix: string;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
};

const columns: DataColumn<ScimTokenRow>[] = [
  { id: 'label', header: 'Label', hideable: false, cell: (t) => t.label },
  { id: 'workspace', header: 'Workspace', hideable: false, cell: (t) => t.workspace },
  {
    id: 'token',
    header: 'Token',
    hideable: false,
    cell: (t) => <code>{t.prefix}…</code>,
  },
  {
    id: 'created',
    header: 'Created (UTC)',
    hideable: false,
    cell: (t) => (
      <>
        {formatUtc(t.createdAt)}
        <div className="muted small">{t.createdBy}</div>
      </>
    ),
  },
  {
    id: 'used',
    header: 'Last used (UTC)',
    hideable: false,
    cell: (t) => (t.lastUsedAt ? formatUtc(t.lastUsedAt) : <span className="muted">never</span>),
  },
  {
    id: 'status',
    header: 'Status',
    hideable: false,
    cell: (t) =>
      t.revokedAt ? (
        <>
          <span className="badge badge-muted">revoked</span>
          <div className="muted small">
            {formatUtc(t.revokedAt)} by {t.revokedBy}
          </div>
        </>
      ) : (
        <span className="badge">active</span>
      ),
  },
];

const revokeColumn: DataColumn<ScimTokenRow> = {
  id: 'actions',
  header: 'Actions',
  headerHidden: true,
  hideable: false,
  cell: (t) =>
    !t.revokedAt && (
      <ActionForm action={revokeScimTokenAction} label={`Revoke the SCIM token ${t.label}`}>
        <input type="hidden" name="tokenId" value={t.id} />
        <button className="button button-small button-danger" type="submit">
          Revoke
        </button>
      </ActionForm>
    ),
};

export function ScimTokenTable({ rows, admin }: { rows: ScimTokenRow[]; admin: boolean }) {
  if (rows.length === 0) return <p className="muted">No SCIM token yet.</p>;
  return (
    <DataTable
      label="SCIM tokens"
      caption="SCIM tokens"
      storageKey="settings-scim-tokens"
      columns={admin ? [...columns, revokeColumn] : columns}
      rows={rows}
      rowKey={(t) => t.id}
    />
  );
}
