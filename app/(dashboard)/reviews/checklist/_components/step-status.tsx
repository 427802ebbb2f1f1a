import { formatUtc } from '@/lib/format.ts';
import type { StepStatus } from '@/lib/checklist/steps.ts';

const CLASS: Record<StepStatus, string> = {
  signed: 'state state-mitigated',
  stale: 'state state-exposed',
  missing: 'state state-none',
};

/** Signed until the sign-off stops counting, stale since it stopped, or missing. */
export function StepStatusBadge({ status, expiresAt }: { status: StepStatus; expiresAt: Date | null }) {
  const text =
    status === 'signed'
      ? `Signed until ${formatUtc(expiresAt)}`
      : status === 'stale'
        ? `Stale since ${formatUtc(expiresAt)}`
        : 'Missing';
  return <span className={CLASS[status]}>{text}</span>;
}
