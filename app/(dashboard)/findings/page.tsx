import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { findingFilterQuery, parseFindingFilter } from '@/lib/findings/filter.ts';
import { FINDING_SORTS, findingCounts, findingsPage } from '@/lib/findings/page-queries.ts';
import { FindingsFilterBar } from './_components/filter-bar.tsx';
import { FindingsTable } from './_components/findings-table.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { parsePage, parseSort } from '@/components/data-table/url-state.ts';
import './findings.css';

export const metadata: Metadata = { title: 'Findings' };
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
  // A page and the counts, read in SQL (the columns it sorts by are the table's column ids).
  const [view, counts] = await Promise.all([
    findingsPage(db, current.id, filter, parseSort(params, FINDING_SORTS), parsePage(params), PAGE_SIZE, now),
    findingCounts(db, current.id, now),
  ]);
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
      {/* Keyed by the filter: a chip leading to another filter of this page remounts the bar's fields. */}
      <FindingsFilterBar key={findingFilterQuery(filter)} filter={filter} />
      <p className="muted small" aria-live="polite">
        {plural(view.total, 'finding')} match.
      </p>
      {view.total === 0 ? (
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
