'use client';
// Every saved version of the GPT policy, newest first: who saved it, when, why, and what it allowed.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type GptPolicyVersionRow = {
  version: number;
  /** Already formatted in UTC. */
  savedAt: string;
  savedBy: string;
  note: string;
  domains: string;
  sharing: string;
  thirdParty: string;
  publicApis: string;
};

const text = (pick: (r: GptPolicyVersionRow) => string) => ({ cell: pick, csv: pick });

const columns: DataColumn<GptPolicyVersionRow>[] = [
  { id: 'version', header: 'Version', hideable: false, className: 'num', ...text((r) => String(r.version)) },
  { id: 'saved', header: 'Saved (UTC)', className: 'nowrap', ...text((r) => r.savedAt) },
  { id: 'by', header: 'By', ...text((r) => r.savedBy) },
  { id: 'note', header: 'Why', ...text((r) => r.note) },
  { id: 'domains', header: 'Allowed action domains', ...text((r) => r.domains) },
  { id: 'sharing', header: 'Broadest sharing', ...text((r) => r.sharing) },
  { id: 'third', header: 'Third-party GPTs', ...text((r) => r.thirdParty) },
  { id: 'public', header: 'Public APIs', ...text((r) => r.publicApis) },
];

export function GptPolicyHistory({ rows }: { rows: GptPolicyVersionRow[] }) {
  return (
    <DataTable
      label="GPT policy versions"
      storageKey="gpt-policy.versions"
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.version)}
      csvName="gpt-policy-versions"
    />
  );
}
