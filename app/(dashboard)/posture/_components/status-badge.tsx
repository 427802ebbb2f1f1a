import type { ControlStatus } from '@/lib/posture/types.ts';

const LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  partial: 'Partial',
  fail: 'Fail',
  stale: 'Stale',
  not_assessed: 'Not assessed',
  not_applicable: 'Not applicable',
};
const CLASSES: Record<ControlStatus, string> = {
  pass: 'state-mitigated',
  partial: 'state-partial',
  fail: 'state-exposed',
  stale: 'state-exposed',
  not_assessed: 'state-none',
  not_applicable: 'state-accepted',
};

export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  return <span className={`state ${CLASSES[status]}`}>{LABELS[status]}</span>;
}

const ONE_DECIMAL = { maximumFractionDigits: 1 };

export function Score({ value }: { value: number | null }) {
  return <span className="score">{value === null ? '—' : value.toLocaleString('en-US', ONE_DECIMAL)}</span>;
}
