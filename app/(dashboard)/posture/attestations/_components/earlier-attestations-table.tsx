'use client';
// A control's earlier and revoked attestations on the shared DataTable, folded away under a summary. The
// evidence cell comes rendered from the server (earlier-attestations.tsx) with its text for the CSV.
import type { ReactNode } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type EarlierAttestationRow = {
  id: string;
  /** Times already formatted in UTC. */
  attestedAt: string;
  attestedBy: string;
  expiresAt: string;
  statement: string;
  evidence: ReactNode;
  evidenceText: string;
  revokedAt: string | null;
  revokedBy: string | null;
};

const columns: DataColumn<EarlierAttestationRow>[] = [
  {
    id: 'attested',
    header: 'Attested (UTC)',
    hideable: false,
    className: 'nowrap',
    cell: (a) => a.attestedAt,
    csv: (a) => a.attestedAt,
  },
  { id: 'by', header: 'By', hideable: false, cell: (a) => a.attestedBy, csv: (a) => a.attestedBy },
  { id: 'expires', header: 'Expires (UTC)', className: 'nowrap', cell: (a) => a.expiresAt, csv: (a) => a.expiresAt },
  { id: 'statement', header: 'Statement', cell: (a) => a.statement, csv: (a) => a.statement },
  { id: 'evidence', header: 'Evidence', cell: (a) => a.evidence, csv: (a) => a.evidenceText },
  {
    id: 'revoked',
    header: 'Revoked',
    cell: (a) =>
      a.revokedAt ? (
        <>
          {a.revokedAt}
          <div className="small muted">by {a.revokedBy ?? '—'}</div>
        </>
      ) : (
        <span className="muted">—</span>
      ),
    csv: (a) => (a.revokedAt ? `${a.revokedAt} by ${a.revokedBy ?? '—'}` : ''),
  },
];

export function EarlierAttestationsTable({ controlId, rows }: { controlId: string; rows: EarlierAttestationRow[] }) {
  return (
    <details>
      <summary>
        {rows.length} earlier attestation{rows.length === 1 ? '' : 's'}
      </summary>
      <DataTable
        label={`Earlier attestations of control ${controlId}`}
        storageKey="posture.attestations.earlier"
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        csvName={`attestations-${controlId}-earlier`}
      />
    </details>
  );
}
