import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { findingFilterQuery, parseFindingFilter } from '@/lib/findings/filter.ts';
import { findingCounts, listFindings } from '@/lib/findings/queries.ts';
import { FindingsFilterBar } from './_components/filter-bar.tsx';
import { FindingsTable } from './_components/findings-table.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { pageSlice, parsePage, parseSort, sortRows } from '@/components/data-table/url-state.ts';
import './findings.css';

export const metadata: Metadata = { title: 'Findings' };
// The columns this page sorts by on the server (ids of the table's columns). Kept here, not in the client
// table module: a server component reads a client module's exports only as references.
const FINDING_SORTS = ['control', 'subject', 'owner', 'due', 'status'] as const;
const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NONE_OPEN = [
  'No open findings: the observed workspace matches its baseline and the guide.',
  'Findings appear here when a roster, role or action-control import shows a departure.',
].join(' ');

export default async function FindingsPage({ searchParams }: Props) {
  const { db, workspace: current } = await workspacePage('findings:read');
  if (!current)
    return <PageHeader title="Findings" description="No workspace yet. An administrator adds one in Settings." />;

  const params = await searchParams;
  const filter = parseFindingFilter(params);
  const now = new Date();
  const [rows, counts] = await Promise.all([
    listFindings(db, current.id, filter, now),
    findingCounts(db, current.id, now),
  ]);
  const sorted = sortRows(rows, parseSort(params, FINDING_SORTS), (f, key) =>
    key === 'subject' ? f.subject.label : key === 'due' ? f.due : f[key as 'control' | 'owner' | 'status'],
  );
  const view = pageSlice(sorted, parsePage(params), PAGE_SIZE);
  const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

  return (
    <>
      <PageHeader
        title="Findings"
        description={[
          `Where ${current.name}'s observed configuration departs from its approved baseline or the guide`,
          '(1.4, 3.2, 6.1, 6.2). Each is fixed in ChatGPT or covered by an approved, expiring exception.',
        ].join(' ')}
      />
      <ul className="count-row panel findings-counts" aria-label="Findings at a glance">
        <li className={counts.open > 0 ? 'count-bad' : undefined}>
          <Link href={`/findings${findingFilterQuery({ status: 'open' })}`}>
            <strong>{counts.open.toLocaleString('en')}</strong> open
          </Link>
        </li>
        <li className={counts.overdue > 0 ? 'count-bad' : undefined}>
          <Link href={`/findings${findingFilterQuery({ status: 'open', overdue: '1' })}`}>
            <strong>{counts.overdue.toLocaleString('en')}</strong> overdue
          </Link>
        </li>
        <li>
          <Link href={`/findings${findingFilterQuery({ status: 'open', owner: 'unassigned' })}`}>
            <strong>{counts.unassigned.toLocaleString('en')}</strong> unassigned
          </Link>
        </li>
        <li>
          <Link href={`/findings${findingFilterQuery({ status: 'excepted' })}`}>
            <strong>{counts.excepted.toLocaleString('en')}</strong> excepted
          </Link>
        </li>
      </ul>
      <FindingsFilterBar filter={filter} />
      <p className="muted small" aria-live="polite">
        {plural(rows.length, 'finding')} match.
      </p>
      {rows.length === 0 ? (
        <div className="panel empty-state">
          <p>
            {filter.status === 'current' && Object.entries(filter).every(([k, v]) => k === 'status' || v === undefined)
              ? NONE_OPEN
              : 'No finding matches these filters.'}
          </p>
        </div>
      ) : (
        <FindingsTable rows={view.rows} paging={{ page: view.page, pages: view.pages }} />
      )}
    </>
  );
}
