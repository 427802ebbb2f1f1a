// One group of exceptions (requested, in force, expired…) as a table: scope, findings, people, review date.
import Link from 'next/link';
import type { ExceptionView } from '../../../../lib/exceptions/queries.ts';
import { formatUtc } from '../../../../lib/format.ts';
import { ExceptionStatusBadge } from './badges.tsx';

export function ExceptionTable({ rows, label, empty }: { rows: ExceptionView[]; label: string; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="table exc-table">
        <thead>
          <tr><th>Exception</th><th>Review date</th><th>Scope</th><th>Findings covered</th><th>Requester</th><th>Approver</th></tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className={e.expiring ? 'row-expiring' : undefined}>
              <td>
                <Link className="exc-title" href={`/exceptions/${e.id}`}>{e.title}</Link>{' '}
                <ExceptionStatusBadge status={e.status} />
                {e.expiring && <span className="tag tag-warn">expiring within 14 days</span>}
                {e.lapsed && e.status === 'approved' && <span className="tag tag-warn">lapsed: the agent’s configuration changed</span>}
                {e.cabTicket && <div className="small muted">CAB {e.cabTicket}</div>}
              </td>
              <td className="small nowrap">{formatUtc(e.reviewAt)}</td>
              <td className="small">{e.scopeLabel}</td>
              <td className="small">
                {e.findingKeys.length === 0 ? '—' : (
                  <>
                    {e.findingKeys.length} finding{e.findingKeys.length === 1 ? '' : 's'}
                    <ul className="exc-keys">{e.findingKeys.slice(0, 3).map((k) => <li key={k}><code>{k}</code></li>)}{e.findingKeys.length > 3 && <li>…</li>}</ul>
                  </>
                )}
              </td>
              <td className="small">{e.requestedBy}<div className="muted">{formatUtc(e.requestedAt)}</div></td>
              <td className="small">{e.decidedBy ?? '—'}{e.decidedAt && <div className="muted">{formatUtc(e.decidedAt)}</div>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
