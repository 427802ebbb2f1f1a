import { formatUtc } from '@/lib/format.ts';
import type { AttestationStatus } from '@/lib/posture/attestation-state.ts';

const CLASS: Record<AttestationStatus, string> = {
  valid: 'state state-mitigated',
  stale: 'state state-exposed',
  none: 'state state-none',
};

/** Valid until the attestation expires, stale since it expired, or none. */
export function AttestationStatusBadge({ status, expiresAt }: { status: AttestationStatus; expiresAt: Date | null }) {
  const text =
    status === 'valid'
      ? `Valid until ${formatUtc(expiresAt)}`
      : status === 'stale'
        ? `Stale since ${formatUtc(expiresAt)}`
        : 'None';
  return <span className={CLASS[status]}>{text}</span>;
}
