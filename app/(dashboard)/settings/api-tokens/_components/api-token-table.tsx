'use client';
// Settings → API tokens: the tokens on the shared DataTable (prefix only, never the secret), with Revoke on those
// not yet revoked.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { formatUtc } from '@/lib/format.ts';
import { RevokeToken } from './revoke-token.tsx';

export type ApiTokenRow = {
  id: string;
  label: string;
  prefix: string;
  role: string;
  /** The workspace's name, or null for every workspace. */
  workspace: string | null;
  owner: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  expired: boolean;
};

function status(t: ApiTokenRow) {
  if (t.revokedAt)
    return (
      <>
        <span className="badge badge-muted">revoked</span>
        <div className="muted small">
          {formatUtc(t.revokedAt)} by {t.revokedBy}
        </div>
      </>
    );
  // Revoke sits under the badge rather than in a column of its own, so the table fits 1280 px.
  return (
    <>
      {t.expired ? <span className="badge badge-muted">expired</span> : <span className="badge">active</span>}
      <div className="token-revoke">
        <RevokeToken id={t.id} label={t.label} />
      </div>
    </>
  );
}

const columns: DataColumn<ApiTokenRow>[] = [
  { id: 'label', header: 'Label', hideable: false, cell: (t) => t.label },
  { id: 'token', header: 'Token', hideable: false, cell: (t) => <code>{t.prefix}…</code> },
  { id: 'role', header: 'Role', hideable: false, cell: (t) => t.role },
  {
    id: 'workspace',
    header: 'Workspace',
    hideable: false,
    cell: (t) => t.workspace ?? <span className="muted">all</span>,
  },
  {
    id: 'valid',
    header: 'Created · expires (UTC)',
    hideable: false,
    cell: (t) => (
      <>
        {formatUtc(t.createdAt)}
        <div className="muted small">until {formatUtc(t.expiresAt)}</div>
      </>
    ),
  },
  {
    id: 'used',
    header: 'Last used (UTC)',
    hideable: false,
    cell: (t) =>
      t.lastUsedAt ? (
        <>
          {formatUtc(t.lastUsedAt)}
          <div className="muted small">{t.lastUsedIp}</div>
        </>
      ) : (
        <span className="muted">never</span>
      ),
  },
  { id: 'status', header: 'Status', hideable: false, cell: status },
];

const ownerColumn: DataColumn<ApiTokenRow> = { id: 'owner', header: 'Owner', hideable: false, cell: (t) => t.owner };

/** `everyone`: an admin's view of every user's tokens, with an Owner column. */
export function ApiTokenTable({ rows, everyone }: { rows: ApiTokenRow[]; everyone: boolean }) {
  if (rows.length === 0) return <p className="muted">No API token yet.</p>;
  return (
    <DataTable
      label="API tokens"
      caption="API tokens"
      storageKey="settings-api-tokens"
      columns={everyone ? [columns[0]!, ownerColumn, ...columns.slice(1)] : columns}
      rows={rows}
      rowKey={(t) => t.id}
    />
  );
}
