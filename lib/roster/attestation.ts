// Control 1.4: workspace owners and admins are re-attested by a named person at least every 90 days (pure).
// One figure for the page and the findings engine (which opens attestation-overdue at the same instant).
import { ATTESTATION_DAYS } from '@/lib/findings/evaluate.ts';

export { ATTESTATION_DAYS };
const DAY_MS = 86_400_000;

export type Attestable = { workspaceRole: string | null; status: string; attestedAt: Date | null };

/** Owners and admins still in the workspace need re-attestation; members and people who left do not. */
export function needsAttestation(m: Attestable): boolean {
  return (m.workspaceRole === 'owner' || m.workspaceRole === 'admin') && m.status === 'active';
}

/** Whole days since the last attestation (null: never attested). */
export function daysSinceAttestation(attestedAt: Date | null, now: Date): number | null {
  return attestedAt === null ? null : Math.floor((now.getTime() - attestedAt.getTime()) / DAY_MS);
}

/** An owner or admin never attested, or not within the last 90 days (the same instant the 1.4 finding opens). */
export function attestationOverdue(m: Attestable, now: Date): boolean {
  if (!needsAttestation(m)) return false;
  return m.attestedAt === null || m.attestedAt.getTime() <= now.getTime() - ATTESTATION_DAYS * DAY_MS;
}
