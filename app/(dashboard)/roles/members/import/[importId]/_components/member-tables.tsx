'use client';
// The lists of a members import preview on the shared DataTable: invalid rows, new members, changed members and
// what SCIM kept. The server turns the stored preview into these rows (member-change-list.tsx, the page).
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';

export type InvalidRow = { line: number; email: string | null; reason: string };
export type NewMemberRow = { email: string; name: string | null; role: string; status: string; groups: string[] };
export type ChangedMemberRow = { email: string; changes: { field: string; from: string; to: string }[] };
export type ScimKeptRow = { email: string; fields: string };

const email = <T extends { email: string | null }>(): DataColumn<T> => ({
  id: 'email',
  header: 'Email',
  hideable: false,
  // Whole on one line: a long group list beside it would otherwise squeeze an address into pieces.
  className: 'mono nowrap',
  cell: (r) => r.email ?? '—',
  csv: (r) => r.email ?? '',
});

// Two or three columns: all of them stay, so these lists show no column menu.
const invalidColumns: DataColumn<InvalidRow>[] = [
  { id: 'line', header: 'Line', hideable: false, className: 'num', cell: (e) => e.line, csv: (e) => e.line },
  { ...email<InvalidRow>(), header: 'email' },
  { id: 'reason', header: 'Reason', hideable: false, cell: (e) => e.reason, csv: (e) => e.reason },
];

const groups = (m: NewMemberRow) => m.groups.join('; ');
const newColumns: DataColumn<NewMemberRow>[] = [
  email<NewMemberRow>(),
  { id: 'name', header: 'Name', cell: (m) => m.name ?? '—', csv: (m) => m.name ?? '' },
  { id: 'role', header: 'Role', cell: (m) => m.role, csv: (m) => m.role },
  { id: 'status', header: 'Status', cell: (m) => m.status, csv: (m) => m.status },
  { id: 'groups', header: 'Groups', cell: (m) => groups(m) || '—', csv: groups },
];

const changedColumns: DataColumn<ChangedMemberRow>[] = [
  email<ChangedMemberRow>(),
  {
    id: 'change',
    header: 'Change',
    hideable: false,
    cell: (c) =>
      c.changes.map((x) => (
        <div key={x.field}>
          {x.field}: {x.from} → <strong>{x.to}</strong>
        </div>
      )),
    csv: (c) => c.changes.map((x) => `${x.field}: ${x.from} → ${x.to}`).join('; '),
  },
];

const scimColumns: DataColumn<ScimKeptRow>[] = [
  email<ScimKeptRow>(),
  { id: 'fields', header: 'The export disagrees on', hideable: false, cell: (s) => s.fields, csv: (s) => s.fields },
];

export function InvalidRowsTable({ rows }: { rows: InvalidRow[] }) {
  return (
    <DataTable
      label="Invalid rows"
      storageKey="roster.import.invalid"
      columns={invalidColumns}
      rows={rows}
      rowKey={(e) => String(e.line)}
      csvName="member-import-invalid-rows"
    />
  );
}

export function NewMembersTable({ rows }: { rows: NewMemberRow[] }) {
  return (
    <DataTable
      label="New members"
      storageKey="roster.import.new"
      columns={newColumns}
      rows={rows}
      rowKey={(m) => m.email}
      csvName="member-import-new"
    />
  );
}

export function ChangedMembersTable({ rows }: { rows: ChangedMemberRow[] }) {
  return (
    <DataTable
      label="Changed members"
      storageKey="roster.import.changed"
      columns={changedColumns}
      rows={rows}
      rowKey={(c) => c.email}
      csvName="member-import-changed"
    />
  );
}

export function ScimKeptTable({ rows }: { rows: ScimKeptRow[] }) {
  return (
    <DataTable
      label="Kept from SCIM"
      storageKey="roster.import.scim-kept"
      columns={scimColumns}
      rows={rows}
      rowKey={(s) => s.email}
      csvName="member-import-kept-from-scim"
    />
  );
}
