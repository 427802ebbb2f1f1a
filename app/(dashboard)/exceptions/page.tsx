import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listExceptions } from '@/lib/exceptions/queries.ts';
import { ExceptionTable } from './_components/exception-table.tsx';
import { parseSort, sortRows } from '@/components/data-table/url-state.ts';
import './exceptions.css';

export const metadata: Metadata = { title: 'Exceptions' };

const REVIEW_DATES = [
  'Review dates are at most 90 days after approval;',
  'at the review date an exception expires and its findings reopen.',
].join(' ');
// The columns this page sorts by on the server (ids of the table's columns). Kept here, not in the client
// table module: a server component reads a client module's exports only as references.
const EXCEPTION_SORTS = ['exception', 'review', 'requester'] as const;
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExceptionsPage({ searchParams }: Props) {
  const { actor: user, db, workspace: current } = await workspacePage('exceptions:read');
  if (!current)
    return <PageHeader title="Exceptions" description="No workspace yet. An administrator adds one in Settings." />;
  // Statuses are derived now: an approval past its review date is expired without any job having run.
  const listed = await listExceptions(db, current.id, new Date());
  // One sort from the URL orders every group alike.
  const all = sortRows(listed, parseSort(await searchParams, EXCEPTION_SORTS), (e, key) =>
    key === 'review' ? e.reviewAt : key === 'requester' ? e.requestedBy : e.title,
  );
  const requested = all.filter((e) => e.status === 'requested');
  const inForce = all.filter((e) => e.status === 'approved');
  const expiring = inForce.filter((e) => e.expiring);
  const expired = all.filter((e) => e.status === 'expired');
  const closed = all.filter((e) => e.status === 'rejected' || e.status === 'revoked');
  return (
    <>
      <PageHeader
        title="Exceptions"
        description={`CAB-approved, expiring acceptances of findings in ${current.name}. ${REVIEW_DATES}`}
        actions={
          can(user.roles, 'exceptions:request') ? (
            <Link className="button button-primary" href="/exceptions/new">
              Request an exception
            </Link>
          ) : undefined
        }
      />
      <ul className="count-row" aria-label="Exceptions by status">
        <li>
          <strong>{requested.length}</strong> awaiting a decision
        </li>
        <li>
          <strong>{inForce.length}</strong> in force
        </li>
        <li className={expiring.length ? 'count-bad' : undefined}>
          <strong>{expiring.length}</strong> expiring within 14 days
        </li>
        <li>
          <strong>{expired.length}</strong> expired
        </li>
        <li>
          <strong>{closed.length}</strong> rejected or revoked
        </li>
      </ul>
      {expiring.length > 0 && (
        <section className="panel expiring-panel" aria-labelledby="expiring-title">
          <h2 id="expiring-title">Expiring within 14 days</h2>
          <p className="small muted">
            Renew with a new request before the review date, or fix the findings; at the review date they reopen.
          </p>
          <ExceptionTable rows={expiring} label="Expiring within 14 days" empty="" />
        </section>
      )}
      <section className="panel" aria-labelledby="requested-title">
        <h2 id="requested-title">Requested</h2>
        <ExceptionTable rows={requested} label="Requested exceptions" empty="No request awaits a decision." />
      </section>
      <section className="panel" aria-labelledby="inforce-title">
        <h2 id="inforce-title">In force</h2>
        <ExceptionTable rows={inForce} label="Exceptions in force" empty="No exception is in force." />
      </section>
      <section className="panel" aria-labelledby="expired-title">
        <h2 id="expired-title">Expired</h2>
        <ExceptionTable rows={expired} label="Expired exceptions" empty="None has expired." />
      </section>
      <section className="panel" aria-labelledby="closed-title">
        <h2 id="closed-title">Rejected or revoked</h2>
        <ExceptionTable rows={closed} label="Rejected or revoked exceptions" empty="None." />
      </section>
    </>
  );
}
