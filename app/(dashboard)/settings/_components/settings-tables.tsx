'use client';
// Settings' lists on the shared DataTable: the governed workspaces and the active sessions (newest first, a page
// at a time; the pager below the table keeps the cursor in the URL). Small lists: no column menu, no CSV.
import { ActionForm } from '@/components/ui/action-form.tsx';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { formatUtc } from '@/lib/format.ts';
import { revokeSessionAction } from '@/lib/settings/actions.ts';

export type WorkspaceRow = { id: string; name: string; kind: string; principal: string | null; createdAt: Date };

const workspaceColumns: DataColumn<WorkspaceRow>[] = [
  { id: 'id', header: 'Id', hideable: false, cell: (w) => <code>{w.id}</code> },
  { id: 'name', header: 'Name', hideable: false, cell: (w) => w.name },
  { id: 'kind', header: 'Kind', hideable: false, cell: (w) => w.kind },
  {
    id: 'principal',
    header: 'Compliance API principal',
    hideable: false,
    cell: (w) => w.principal ?? <span className="muted">not set</span>,
  },
  { id: 'added', header: 'Added (UTC)', hideable: false, className: 'nowrap', cell: (w) => formatUtc(w.createdAt) },
];

export function WorkspacesTable({ rows }: { rows: WorkspaceRow[] }) {
  return (
    <DataTable
      label="Governed workspaces"
      storageKey="settings-workspaces"
      columns={workspaceColumns}
      rows={rows}
      rowKey={(w) => w.id}
    />
  );
}

export type SessionRow = {
  id: string;
  createdAt: Date;
  expires: Date;
  user: { email: string | null; name: string | null };
  current: boolean;
};

const sessionColumns: DataColumn<SessionRow>[] = [
  {
    id: 'user',
    header: 'User',
    hideable: false,
    cell: (s) => (
      <>
        {s.user.name ?? s.user.email}
        <div className="muted small">{s.user.email}</div>
        {s.current && <span className="badge">this session</span>}
      </>
    ),
  },
  { id: 'signed-in', header: 'Signed in (UTC)', hideable: false, cell: (s) => formatUtc(s.createdAt) },
  { id: 'expires', header: 'Expires (UTC)', hideable: false, cell: (s) => formatUtc(s.expires) },
  {
    id: 'actions',
    header: 'Actions',
    headerHidden: true,
    hideable: false,
    cell: (s) => (
      <ActionForm action={revokeSessionAction} label={`Revoke the session of ${s.user.email ?? 'this user'}`}>
        <input type="hidden" name="sessionId" value={s.id} />
        <button className="button button-small button-danger" type="submit">
          Revoke
        </button>
      </ActionForm>
    ),
  },
];

export function SessionsTable({ rows }: { rows: SessionRow[] }) {
  return (
    <DataTable
      label="Active sessions"
      caption="Active sessions"
      storageKey="settings-sessions"
      columns={sessionColumns}
      rows={rows}
      rowKey={(s) => s.id}
    />
  );
}
