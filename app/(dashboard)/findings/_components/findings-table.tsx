// The findings list: control, subject (linked to where it is managed), message, owner, due, status.
import Link from 'next/link';
import type { FindingView } from '../../../../lib/findings/queries.ts';
import { kindLabel } from '../../../../lib/findings/labels.ts';
import { DueDate, FindingStatusBadge } from './finding-status.tsx';

export function FindingsTable({ rows }: { rows: FindingView[] }) {
  return (
    <div className="table-scroll panel">
      <table className="table findings-table">
        <caption className="visually-hidden">Findings</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Subject</th>
            <th scope="col">Finding</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className={f.status === 'open' ? 'row-exposed' : undefined}>
              <td className="mono">{f.control}</td>
              <td>
                {f.subject.href ? <Link href={f.subject.href}>{f.subject.label}</Link> : f.subject.label}
                <div className="muted small">{f.subject.type}</div>
              </td>
              <td className="finding-message">
                <Link className="finding-kind" href={`/findings/${encodeURIComponent(f.id)}`}>{kindLabel(f.kind)}</Link>
                <div className="small">{f.message}</div>
              </td>
              <td>{f.owner ?? <span className="unassigned">Unassigned</span>}</td>
              <td className="due"><DueDate due={f.due} overdue={f.overdue} /></td>
              <td><FindingStatusBadge status={f.status} exceptionId={f.exception_id} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
