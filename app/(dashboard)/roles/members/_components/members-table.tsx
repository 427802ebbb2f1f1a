'use client';
// The roster on the shared DataTable; the page filters and pages on the server (URL). Owners and admins are
// re-attested from their row (guide 1.4).
import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn, type DataPaging } from '@/components/data-table/data-table.tsx';
import { AttestButton } from './attest-button.tsx';

export type MemberRow = {
  id: string;
  name: string | null;
  email: string;
  workspaceRole: string | null;
  status: string;
  groups: { name: string; href: string }[];
  directAgentRoles: string[];
  source: string;
  attestation: {
    needed: boolean;
    /** "never", "3 days ago", "not needed"… already worded. */
    text: string;
    overdue: boolean;
    at: string | null;
    by: string | null;
  };
};

function columns(workspaceId: string, canAttest: boolean, attestTitle: string): DataColumn<MemberRow>[] {
  return [
    {
      id: 'member',
      header: 'Member',
      hideable: false,
      cell: (m) => (
        <>
          <div className="member-name">{m.name ?? <span className="muted">(no name)</span>}</div>
          <div className="muted small">{m.email}</div>
        </>
      ),
      csv: (m) => m.email,
    },
    {
      id: 'role',
      header: 'Workspace role',
      cell: (m) => (
        <span className={m.workspaceRole ? `role-${m.workspaceRole}` : 'muted'}>
          {m.workspaceRole ?? 'not known yet'}
        </span>
      ),
      csv: (m) => m.workspaceRole ?? '',
    },
    {
      id: 'status',
      header: 'Status',
      cell: (m) => <span className={`status-${m.status}`}>{m.status}</span>,
      csv: (m) => m.status,
    },
    {
      id: 'groups',
      header: 'Groups',
      cell: (m) =>
        m.groups.length ? (
          <span className="app-chips">
            {m.groups.map((g) => (
              <Link key={g.name} className="chip" href={g.href}>
                {g.name}
              </Link>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      csv: (m) => m.groups.map((g) => g.name).join(' '),
    },
    {
      id: 'agentRoles',
      header: 'Direct agent roles',
      cell: (m) =>
        m.directAgentRoles.length ? (
          <span className="app-chips">
            {m.directAgentRoles.map((r) => (
              <span key={r} className="chip chip-unknown" title="Assigned directly, not through an IdP group">
                {r}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      csv: (m) => m.directAgentRoles.join(' '),
    },
    {
      id: 'source',
      header: 'Source',
      cell: (m) => <span className="tag tag-source">{m.source}</span>,
      csv: (m) => m.source,
    },
    {
      id: 'attested',
      header: 'Attested',
      headerTitle: attestTitle,
      cell: (m) =>
        m.attestation.needed ? (
          <div className="row-actions">
            <span className={m.attestation.overdue ? 'days-overdue' : undefined}>{m.attestation.text}</span>
            {m.attestation.at && (
              <span className="muted small attested-by" title={m.attestation.at}>
                by {m.attestation.by}
              </span>
            )}
            {canAttest && <AttestButton workspaceId={workspaceId} memberId={m.id} email={m.email} />}
          </div>
        ) : (
          <span className="muted small">{m.attestation.text}</span>
        ),
      csv: (m) => m.attestation.text,
    },
  ];
}

type Props = { rows: MemberRow[]; paging: DataPaging; workspaceId: string; canAttest: boolean; attestTitle: string };

export function MembersTable({ rows, paging, workspaceId, canAttest, attestTitle }: Props) {
  const cols = useMemo(() => columns(workspaceId, canAttest, attestTitle), [workspaceId, canAttest, attestTitle]);
  return (
    <div className="panel">
      <DataTable
        label="Members"
        storageKey="roles.members"
        className="roster-table"
        columns={cols}
        rows={rows}
        rowKey={(m) => m.id}
        paging={paging}
        csvName="members"
      />
    </div>
  );
}
