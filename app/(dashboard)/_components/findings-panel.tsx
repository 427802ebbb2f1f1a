// Overview: open findings of the workspace in view (not covered by an exception now), each figure linking
// to the findings behind it.
import Link from 'next/link';
import { findingFilterQuery, type FindingFilter } from '@/lib/findings/filter.ts';
import { CONTROL_TITLES } from '@/lib/findings/labels.ts';
import { findingCounts } from '@/lib/findings/page-queries.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';

type Props = { db: PageContext['db']; workspaceId: string };

export async function FindingsPanel({ db, workspaceId }: Props) {
  const c = await findingCounts(db, workspaceId, new Date());
  const href = (q: Parameters<typeof findingFilterQuery>[0]) => `/findings${findingFilterQuery(q)}`;
  return (
    <section className="panel" aria-labelledby="findings-panel-title">
      <h2 id="findings-panel-title">Open findings</h2>
      {c.open === 0 && c.excepted === 0 ? (
        <p className="muted">No open findings: the observed workspace matches its baseline and the guide.</p>
      ) : (
        <>
          <p className="stat">
            <Link className="stat-value count-exposed" href={href({ status: 'open' })}>
              {c.open.toLocaleString('en')}
            </Link>{' '}
            <span className="muted">open finding{c.open === 1 ? '' : 's'}</span>
          </p>
          <p className="muted small">
            <Link href={href({ status: 'open', overdue: '1' })}>{c.overdue.toLocaleString('en')} overdue</Link>
            {' · '}
            <Link href={href({ status: 'open', owner: 'unassigned' })}>
              {c.unassigned.toLocaleString('en')} unassigned
            </Link>
            {' · '}
            <Link href={href({ status: 'excepted' })}>{c.excepted.toLocaleString('en')} excepted</Link>
          </p>
          {c.byControl.length > 0 && (
            <ul className="plain-list small">
              {c.byControl.map((b) => (
                <li key={b.control}>
                  <Link href={href({ status: 'open', control: b.control as FindingFilter['control'] })}>
                    {b.control} {CONTROL_TITLES[b.control] ?? ''}
                  </Link>
                  : {b.open.toLocaleString('en')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
