// The findings about one subject (or every subject of a type), for that subject's own page:
// <SubjectFindings db={db} workspaceId={ws} subjectType="app" /> on Action control, subjectType="agent"
// subjectId={id} on an agent… The page passes the database handle workspacePage gave it.
import Link from 'next/link';
import { kindLabel } from '@/lib/findings/labels.ts';
import { findingsForSubject } from '@/lib/findings/queries.ts';
import type { PageContext } from '@/lib/http/workspace-page.ts';
import { DueDate, FindingStatusBadge } from './finding-status.tsx';
import '@/app/(dashboard)/findings/findings.css';

type Props = {
  db: PageContext['db'];
  workspaceId: string;
  subjectType: 'role' | 'member' | 'app' | 'workspace' | 'agent';
  subjectId?: string;
  title?: string;
};

export async function SubjectFindings({ db, workspaceId, subjectType, subjectId, title = 'Findings' }: Props) {
  const rows = await findingsForSubject(db, workspaceId, subjectType, subjectId ?? null, new Date());
  const headingId = `subject-findings-${subjectType}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No open findings.</p>
      ) : (
        <ul className="cause-list">
          {rows.map((f) => (
            <li key={f.id}>
              <FindingStatusBadge status={f.status} exceptionId={f.exception_id} />{' '}
              <Link href={`/findings/${encodeURIComponent(f.id)}`}>{kindLabel(f.kind)}</Link>
              {subjectId ? null : <> · {f.subject.label}</>}{' '}
              <span className="muted small">
                ({f.control}, due <DueDate due={f.due} overdue={f.overdue} />)
              </span>
              <div className="small">{f.message}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
