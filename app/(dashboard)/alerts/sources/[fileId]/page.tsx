import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '../../../../../components/ui/forbidden.tsx';
import { PageHeader } from '../../../../../components/ui/page-header.tsx';
import { pageAccess } from '../../../../../lib/auth/page-guard.ts';
import { db } from '../../../../../lib/db.ts';
import { formatUtc } from '../../../../../lib/format.ts';
import { quarantinedLines } from '../../../../../lib/logs/queries.ts';

export const metadata: Metadata = { title: 'Quarantined lines' };

export default async function LogFilePage({ params }: { params: Promise<{ fileId: string }> }) {
  const { allowed } = await pageAccess('alerts:read');
  if (!allowed) return <Forbidden what="log sources" />;
  const { fileId } = await params;
  const file = await db().logFile.findUnique({ where: { id: fileId }, select: { name: true, source: true, startedAt: true, sha256: true, quarantined: true, lines: true } });
  if (!file) notFound();
  const lines = await quarantinedLines(db(), fileId);
  return (
    <>
      <p className="breadcrumb small"><Link href="/alerts">Alerts</Link> / <Link href="/alerts/sources">Sources</Link> / {file.name}</p>
      <PageHeader title={`Quarantined lines of ${file.name}`} description={`${file.quarantined} of ${file.lines} lines could not be stored (${file.source}, ${formatUtc(file.startedAt)}, SHA-256 ${file.sha256.slice(0, 16)}…). The rest of the file was stored.`} />
      <section className="panel">
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Quarantined lines">
          <table className="table">
            <thead><tr><th className="num">Line</th><th>Reason</th><th>Start of the line</th></tr></thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.line}><td className="num">{l.line}</td><td>{l.reason}</td><td><code className="wrap">{l.excerpt}</code></td></tr>
              ))}
            </tbody>
          </table>
        </div>
        {file.quarantined > lines.length && <p className="muted small">Showing the first {lines.length} of {file.quarantined}.</p>}
      </section>
    </>
  );
}
