// A finding's status: open, excepted (linking to the exception in force) or resolved.
import Link from 'next/link';
import type { FindingStatus } from '@/lib/findings/status.ts';

const LABELS: Record<FindingStatus, string> = { open: 'Open', excepted: 'Excepted', resolved: 'Resolved' };

export function FindingStatusBadge({ status, exceptionId }: { status: FindingStatus; exceptionId: string | null }) {
  if (status === 'excepted' && exceptionId) {
    return (
      <Link
        className="finding-status finding-status-excepted"
        href={`/exceptions/${encodeURIComponent(exceptionId)}`}
        title="Covered by an approved exception until its review date"
      >
        {LABELS.excepted}
      </Link>
    );
  }
  return <span className={`finding-status finding-status-${status}`}>{LABELS[status]}</span>;
}

/** The due date (a UTC day), red once past while the finding is open. */
export function DueDate({ due, overdue }: { due: Date; overdue: boolean }) {
  const day = due.toISOString().slice(0, 10);
  return overdue ? (
    <span className="due-overdue" title="Past due">
      {day} <span className="visually-hidden">(overdue)</span>
    </span>
  ) : (
    <span>{day}</span>
  );
}
