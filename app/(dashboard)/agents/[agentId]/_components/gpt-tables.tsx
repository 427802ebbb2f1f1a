'use client';
// A custom GPT's lists on the shared DataTable: the parts that light each leg and why, an action's operations
// with their human gate, the knowledge files with their classification, and a diff between two versions.
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { FileClassificationForm } from '@/components/gpts/file-classification.tsx';
import type { FileClassification } from '@/lib/gpts/findings.ts';

export type SourceRow = {
  id: string;
  name: string;
  kind: string;
  privateData: string;
  untrusted: string;
  send: string;
};

const sourceColumns: DataColumn<SourceRow>[] = [
  { id: 'part', header: 'Part', hideable: false, cell: (r) => r.name, csv: (r) => r.name },
  { id: 'kind', header: 'Kind', cell: (r) => r.kind, csv: (r) => r.kind },
  { id: 'private', header: 'Private data', className: 'small', cell: (r) => r.privateData, csv: (r) => r.privateData },
  {
    id: 'untrusted',
    header: 'Untrusted content',
    className: 'small',
    cell: (r) => r.untrusted,
    csv: (r) => r.untrusted,
  },
  { id: 'send', header: 'External send', className: 'small', cell: (r) => r.send, csv: (r) => r.send },
];

export function GptSourcesTable({ rows, gptId }: { rows: SourceRow[]; gptId: string }) {
  return (
    <DataTable
      label="Why each leg is lit"
      storageKey="gpt-sources"
      columns={sourceColumns}
      rows={rows}
      rowKey={(r) => r.id}
      csvName={`gpt-legs-${gptId}`}
    />
  );
}

export type OperationRow = { key: string; method: string; path: string; consequential: boolean; declared: string };

const operationColumns: DataColumn<OperationRow>[] = [
  { id: 'method', header: 'Method', hideable: false, className: 'mono', cell: (r) => r.method, csv: (r) => r.method },
  { id: 'path', header: 'Path', hideable: false, className: 'mono', cell: (r) => r.path, csv: (r) => r.path },
  {
    id: 'consequential',
    header: 'Consequential',
    headerTitle: 'ChatGPT asks the user before each call: the human gate of a GPT action',
    cell: (r) => (r.consequential ? 'yes: the user confirms' : 'no: runs without asking'),
    csv: (r) => (r.consequential ? 'yes' : 'no'),
  },
  { id: 'declared', header: 'Because', className: 'small', cell: (r) => r.declared, csv: (r) => r.declared },
];

export function OperationsTable({ rows, label }: { rows: OperationRow[]; label: string }) {
  return (
    <DataTable label={label} storageKey="gpt-operations" columns={operationColumns} rows={rows} rowKey={(r) => r.key} />
  );
}

export type FileRow = {
  id: string;
  name: string;
  type: string;
  size: string;
  classification: FileClassification | null;
};

export function KnowledgeFilesTable(p: { rows: FileRow[]; workspaceId: string; gptId: string; editable: boolean }) {
  const columns: DataColumn<FileRow>[] = [
    { id: 'name', header: 'File', hideable: false, cell: (r) => r.name, csv: (r) => r.name },
    { id: 'type', header: 'Type', className: 'small', cell: (r) => r.type, csv: (r) => r.type },
    { id: 'size', header: 'Size', className: 'num', cell: (r) => r.size, csv: (r) => r.size },
    {
      id: 'classification',
      header: 'Classification',
      cell: (r) => (
        <FileClassificationForm
          workspaceId={p.workspaceId}
          gptId={p.gptId}
          fileId={r.id}
          fileName={r.name}
          classification={r.classification}
          editable={p.editable}
        />
      ),
      csv: (r) => r.classification ?? 'not classified',
    },
  ];
  return (
    <DataTable
      label="Knowledge files"
      storageKey="gpt-files"
      columns={columns}
      rows={p.rows}
      rowKey={(r) => r.id}
      csvName={`gpt-files-${p.gptId}`}
    />
  );
}

export type ChangeRow = { key: string; area: string; change: string; subject: string; detail: string };

const changeColumns: DataColumn<ChangeRow>[] = [
  { id: 'area', header: 'Area', cell: (r) => r.area, csv: (r) => r.area },
  { id: 'change', header: 'Change', cell: (r) => r.change, csv: (r) => r.change },
  {
    id: 'subject',
    header: 'What',
    hideable: false,
    className: 'mono small',
    cell: (r) => r.subject,
    csv: (r) => r.subject,
  },
  { id: 'detail', header: 'Detail', className: 'small', cell: (r) => r.detail, csv: (r) => r.detail },
];

export function ChangesTable({ rows, label }: { rows: ChangeRow[]; label: string }) {
  return <DataTable label={label} storageKey="gpt-changes" columns={changeColumns} rows={rows} rowKey={(r) => r.key} />;
}
