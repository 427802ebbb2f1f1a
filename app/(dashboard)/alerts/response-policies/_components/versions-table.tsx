'use client';
// Every saved version of the response policy, newest first: who saved it, when, why, and each rule's mode.
import { type DataColumn, DataTable } from '@/components/data-table/data-table.tsx';

export type VersionRow = {
  version: number;
  /** Already formatted in UTC. */
  savedAt: string;
  savedBy: string;
  note: string;
  /** Each rule's mode, labelled, in the order of the rules. */
  modes: { rule: string; mode: string }[];
};

const text = (pick: (r: VersionRow) => string) => ({ cell: pick, csv: pick });

export function VersionsTable({ rows, rules }: { rows: VersionRow[]; rules: { key: string; label: string }[] }) {
  const columns: DataColumn<VersionRow>[] = [
    { id: 'version', header: 'Version', hideable: false, className: 'num', ...text((r) => String(r.version)) },
    { id: 'saved', header: 'Saved (UTC)', className: 'nowrap', ...text((r) => r.savedAt) },
    { id: 'by', header: 'By', ...text((r) => r.savedBy) },
    { id: 'note', header: 'Why', ...text((r) => r.note) },
    ...rules.map((rule) => ({
      id: rule.key,
      header: rule.label,
      ...text((r: VersionRow) => r.modes.find((m) => m.rule === rule.key)?.mode ?? ''),
    })),
  ];
  return (
    <DataTable
      label="Response policy versions"
      storageKey="response-policies.versions"
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.version)}
      csvName="response-policy-versions"
    />
  );
}
