import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/data-table/filter-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listAuditEvents, parseAuditFilter } from '@/lib/audit/queries.ts';
import { summarizeDiff } from '@/lib/audit/summarize.ts';
import { formatUtc } from '@/lib/format.ts';
import { AuditTable } from './_components/audit-table.tsx';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const { actor: user, db } = await workspacePage('audit:read');
  const filter = parseAuditFilter(await searchParams);
  const { events, total, nextBefore } = await listAuditEvents(db, filter);
  const query = new URLSearchParams(
    Object.entries({ ...filter, before: undefined }).filter(([, v]) => v) as [string, string][],
  );
  const next = new URLSearchParams(query);
  if (nextBefore) next.set('before', nextBefore);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          'Every change made through Tollgate. Rows are hash-chained and the chain head is signed (Ed25519); ' +
          'the database refuses edits and deletions.'
        }
        actions={
          can(user.roles, 'audit:export') && (
            <a className="button" href={`/api/audit/export?${query}`} download>
              Export CSV
            </a>
          )
        }
      />
      <FilterForm label="Filter the audit log">
        <label>
          Actor <input name="actor" defaultValue={filter.actor} placeholder="email or system" />
        </label>
        <label>
          Action <input name="action" defaultValue={filter.action} placeholder="e.g. workspace." />
        </label>
        <label>
          Target <input name="target" defaultValue={filter.target} placeholder="type or id" />
        </label>
        <label>
          From (UTC) <input type="date" name="from" defaultValue={filter.from} />
        </label>
        <label>
          To (UTC) <input type="date" name="to" defaultValue={filter.to} />
        </label>
        <div className="filter-buttons">
          <button className="button button-primary" type="submit">
            Filter
          </button>
          <Link className="button" href="/audit">
            Clear
          </Link>
        </div>
      </FilterForm>
      <section className="panel table-panel" aria-label="Audit events">
        <p className="muted small" aria-live="polite">
          {total.toLocaleString('en')} matching event{total === 1 ? '' : 's'}
          {filter.before ? ` · older than #${filter.before}` : ''}
        </p>
        {events.length === 0 ? (
          <p className="muted">No events match these filters.</p>
        ) : (
          <AuditTable
            rows={events.map((e) => ({
              seq: e.seq.toString(),
              at: formatUtc(e.at),
              actor: e.actorLabel,
              role: e.role,
              sourceIp: e.sourceIp,
              action: e.action,
              targetType: e.targetType,
              targetId: e.targetId,
              changes: summarizeDiff(e.diff),
              hash: e.hash,
            }))}
          />
        )}
        <nav className="pager" aria-label="Pages">
          {filter.before && (
            <Link className="button" href={`/audit?${query}`}>
              Newest
            </Link>
          )}
          {nextBefore && (
            <Link className="button" href={`/audit?${next}`}>
              Older events
            </Link>
          )}
        </nav>
      </section>
    </>
  );
}
