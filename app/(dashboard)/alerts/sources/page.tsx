import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { formatUtc } from '@/lib/format.ts';
import { LOG_TYPES } from '@/lib/logs/event-types.ts';
import {
  complianceSourceOf,
  eventTypeCounts,
  freshness,
  listLogFiles,
  pullWindows,
  workspacePrincipal,
} from '@/lib/logs/queries.ts';
import { DEFAULT_BASE_URL } from '@/lib/logs/sources.ts';
import { keyStatusOf } from '@/lib/platform/key-queries.ts';
import { LogUpload } from './_components/log-upload.tsx';
import { RetentionForm } from './_components/retention-form.tsx';
import { retentionDays } from '@/lib/logs/retention.ts';
import { EventTypes } from './_components/event-types.tsx';
import { PullerWindows } from './_components/puller-windows.tsx';
import { SourceForm } from './_components/source-form.tsx';
import { FilesTable, FreshnessTable } from './_components/source-tables.tsx';
import { GptSources } from './_components/gpt-sources.tsx';
import { PlatformKeys } from './_components/platform-keys.tsx';

export const metadata: Metadata = { title: 'Log sources' };

const NO_PRINCIPAL = 'Register this workspace’s Compliance API principal in Settings to see its logs here.';
const DESCRIPTION = [
  'Where Tollgate reads the Compliance Logs Platform: the scheduled puller, uploads and the CLI (tollgate ingest).',
  'Every event is stored once per (principal, event_id).',
].join(' ');

function age(from: Date | null, now: Date): string {
  if (!from) return '—';
  const minutes = Math.round((now.getTime() - from.getTime()) / 60000);
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

export default async function SourcesPage() {
  const { actor: user, db, workspace: current } = await workspacePage('alerts:read');
  const now = new Date();
  const [files, source] = await Promise.all([listLogFiles(db), current ? complianceSourceOf(db, current.id) : null]);
  const principal = current ? await workspacePrincipal(db, current.id) : null;
  const [fresh, counts, windows] =
    current && principal
      ? await Promise.all([
          freshness(db, current.id, principal, source?.enabled ? source.logTypes : [], now),
          eventTypeCounts(db, principal),
          pullWindows(db, current.id, now),
        ])
      : [[], [], null];
  const roles = user?.roles ?? [];
  const keys = current && can(roles, 'settings:write') ? await keyStatusOf(db, current.id) : null;
  return (
    <>
      <p className="breadcrumb small">
        <Link href="/alerts">Alerts</Link> / Sources
      </p>
      <PageHeader title="Log sources" description={DESCRIPTION} />

      <section className="panel" aria-labelledby="fresh-title">
        <h2 id="fresh-title">Freshness{current ? ` — ${current.name}` : ''}</h2>
        {!principal ? (
          <p className="muted">{NO_PRINCIPAL}</p>
        ) : fresh.length === 0 ? (
          <p className="muted">
            No events yet for principal <code>{principal}</code>. Configure the puller below, upload files, or run{' '}
            <code>tollgate ingest</code>.
          </p>
        ) : (
          <FreshnessTable
            rows={fresh.map((f) => ({
              logType: f.logType,
              status: f.status,
              events: f.events,
              newest: f.newestEventAt ? `${formatUtc(f.newestEventAt)} (${age(f.newestEventAt, now)})` : '—',
              lastSuccess: f.lastSuccessAt ? `${formatUtc(f.lastSuccessAt)} (${age(f.lastSuccessAt, now)})` : '—',
              lastError: f.lastError ? `${f.lastError} (${f.failures} in a row)` : '',
            }))}
          />
        )}
        <p className="muted small">
          Live: read within the last 30 minutes (the platform’s p99 delivery). A pulled type counts from its last
          successful pull; an uploaded type from its newest event.
        </p>
      </section>

      {windows && (source || windows.windows.length > 0) && (
        <PullerWindows windows={windows.windows} gaps={windows.gaps} />
      )}

      {counts.length > 0 && <EventTypes counts={counts} />}

      {current && can(roles, 'settings:write') && (
        <section className="panel" aria-labelledby="puller-title">
          <h2 id="puller-title">Compliance API puller</h2>
          {source && (
            <p className="muted small">
              Last changed {formatUtc(source.updatedAt)} by {source.updatedBy}.
            </p>
          )}
          <SourceForm
            workspaceId={current.id}
            baseUrl={source?.baseUrl ?? DEFAULT_BASE_URL}
            logTypes={LOG_TYPES}
            selected={source?.logTypes ?? ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG']}
            enabled={source?.enabled ?? true}
            hasReadKey={keys?.hasReadKey ?? false}
            hasActKey={keys?.hasActKey ?? false}
          />
          <PlatformKeys workspaceId={current.id} status={keys} />
        </section>
      )}

      {can(roles, 'logs:ingest') && <LogUpload />}

      {can(roles, 'logs:content') && (
        <section className="panel" aria-labelledby="content-title">
          <h2 id="content-title">Content retention</h2>
          <p className="small">
            What people typed and what agents said (prompts, run messages, conversation messages) is personal data:
            Tollgate stores it apart from event metadata, shows it only to roles with the content permission, and keeps
            it for a limited time. Metadata is kept.
          </p>
          <RetentionForm days={await retentionDays(db)} />
        </section>
      )}

      {current && <GptSources db={db} workspaceId={current.id} canUpload={can(roles, 'agents:write')} />}

      <section className="panel" aria-labelledby="files-title">
        <h2 id="files-title">Files ingested</h2>
        {files.length === 0 ? (
          <p className="muted">No file yet.</p>
        ) : (
          <FilesTable
            rows={files.map((f) => ({
              id: f.id,
              started: formatUtc(f.startedAt),
              source: f.source,
              startedBy: f.startedBy,
              name: f.name,
              status: f.status,
              error: f.error,
              lines: f.lines,
              inserted: f.inserted,
              duplicates: f.duplicates,
              quarantined: f.quarantined,
              span: f.firstEventAt ? `${formatUtc(f.firstEventAt)} → ${formatUtc(f.lastEventAt)}` : '—',
              sha256: f.sha256,
              platformChecksum: f.platformChecksum,
            }))}
          />
        )}
      </section>
    </>
  );
}
