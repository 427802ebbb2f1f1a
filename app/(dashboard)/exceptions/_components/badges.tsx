// Status badges readable without colour: the word is always shown.
import type { ExceptionStatus, FindingStatus } from '@/lib/exceptions/state.ts';

const LABEL: Record<ExceptionStatus, string> = {
  requested: 'Requested',
  approved: 'In force',
  expired: 'Expired',
  rejected: 'Rejected',
  revoked: 'Revoked',
};

export function ExceptionStatusBadge({ status }: { status: ExceptionStatus }) {
  return <span className={`exc-status exc-status-${status}`}>{LABEL[status]}</span>;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span className={`exc-finding-status exc-finding-status-${status}`}>
      {status === 'excepted' ? 'Excepted' : status === 'open' ? 'Open' : 'Resolved'}
    </span>
  );
}
