'use client';
// The controls assessed by attestation on the shared DataTable. The page renders the parts that are server
// components or forms (status, evidence, history, attest and revoke) and hands them over ready to show.
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type AttestationRow = {
  controlId: string;
  title: string;
  alsoAutomatic: boolean;
  level: string | null;
  /** valid, stale, none or not applicable: for the CSV. */
  statusText: string;
  status: ReactNode;
  attestedBy: string | null;
  attestedAt: string | null;
  statement: string | null;
  evidence: ReactNode;
  /** Earlier attestations and the attest / revoke forms, or null. */
  more: ReactNode;
};

const columns: DataColumn<AttestationRow>[] = [
  {
    id: 'control',
    header: 'Control',
    hideable: false,
    className: 'nowrap',
    cell: (r) => r.controlId,
    csv: (r) => r.controlId,
  },
  {
    id: 'title',
    header: 'Title',
    cell: (r) => (
      <>
        {r.title}
        {r.alsoAutomatic && <div className="small muted">Also checked automatically</div>}
      </>
    ),
    csv: (r) => r.title,
  },
  {
    id: 'level',
    header: 'Level',
    cell: (r) => (r.level ? <span className="badge">{r.level}</span> : <span className="muted">—</span>),
    csv: (r) => r.level ?? '',
  },
  { id: 'status', header: 'Status', cell: (r) => r.status, csv: (r) => r.statusText },
  {
    id: 'attestedBy',
    header: 'Attested by',
    cell: (r) =>
      r.attestedBy ? (
        <>
          {r.attestedBy}
          <div className="small muted">{r.attestedAt}</div>
        </>
      ) : (
        <span className="muted">—</span>
      ),
    csv: (r) => r.attestedBy ?? '',
  },
  {
    id: 'statement',
    header: 'Statement',
    cell: (r) => r.statement ?? <span className="muted">Never attested for this workspace.</span>,
    csv: (r) => r.statement ?? '',
  },
  { id: 'evidence', header: 'Evidence', cell: (r) => r.evidence },
];

export function AttestationsTable({ rows }: { rows: AttestationRow[] }) {
  return (
    <DataTable
      label="Controls assessed by attestation"
      storageKey="posture.attestations"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.controlId}
      rowDomId={(r) => `control-${r.controlId}`}
      subRow={(r) => r.more}
      csvName="attestations"
    />
  );
}
