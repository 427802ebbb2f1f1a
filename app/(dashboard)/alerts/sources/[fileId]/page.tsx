import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { logFileHeader, quarantinedLines } from '@/lib/logs/queries.ts';
import { QuarantineTable } from './_components/quarantine-table.tsx';

export const metadata: Metadata = { title: 'Quarantined lines' };

export default async function LogFilePage({ params }: { params: Promise<{ fileId: string }> }) {
  const { db } = await workspacePage('alerts:read');
  const { fileId } = await params;
  const file = await logFileHeader(db, fileId);
  if (!file) notFound();
  const lines = await quarantinedLines(db, fileId);
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/alerts">Alerts</Link> / <Link href="/alerts/sources">Sources</Link> / {file.name}
      </p>
      <PageHeader
        title={`Quarantined lines of ${file.name}`}
        description={
          `${file.quarantined} of ${file.lines} lines could not be stored ` +
          `(${file.source}, ${formatUtc(file.startedAt)}, SHA-256 ${file.sha256.slice(0, 16)}…). ` +
          'The rest of the file was stored.'
        }
      />
      <section className="panel">
        <QuarantineTable
          fileId={fileId}
          rows={lines.map((l) => ({ line: l.line, reason: l.reason, excerpt: l.excerpt }))}
        />
        {file.quarantined > lines.length && (
          <p className="muted small">
            Showing the first {lines.length} of {file.quarantined}.
          </p>
        )}
      </section>
    </>
  );
}
