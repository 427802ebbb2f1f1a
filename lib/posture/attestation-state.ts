// Control attestations (issue 7), pure: a named person attests a control with evidence until an expiry at most
// 90 days (UTC instants) after attesting. The newest attestation not revoked counts: valid while now < expiresAt,
// stale from expiresAt on; no such attestation: none.

export const MAX_ATTESTATION_DAYS = 90;

const DAY_MS = 86_400_000;

export type AttestationStatus = 'valid' | 'stale' | 'none';

export type AttestationTimes = { attestedAt: Date; expiresAt: Date; revokedAt: Date | null };

export type AttestationState<A> = {
  status: AttestationStatus;
  /** The newest attestation not revoked, valid or stale; null for none. */
  current: A | null;
  /** When the current attestation stops counting (for a stale one: since when). */
  expiresAt: Date | null;
};

/** The status at `now` of one control from its attestations (any order; revoked ones are ignored). */
export function attestationStatus<A extends AttestationTimes>(
  attestations: readonly A[],
  now: Date,
): AttestationState<A> {
  let current: A | null = null;
  for (const a of attestations) {
    if (a.revokedAt) continue;
    if (!current || a.attestedAt.getTime() > current.attestedAt.getTime()) current = a;
  }
  if (!current) return { status: 'none', current: null, expiresAt: null };
  return {
    status: now.getTime() < current.expiresAt.getTime() ? 'valid' : 'stale',
    current,
    expiresAt: current.expiresAt,
  };
}

/** The latest expiry allowed for an attestation given at `attestedAt`. */
export function latestExpiry(attestedAt: Date): Date {
  return new Date(attestedAt.getTime() + MAX_ATTESTATION_DAYS * DAY_MS);
}

/**
 * An error naming the field unless attestedAt < expiresAt <= attestedAt + 90 × 24 h; null when the expiry is allowed.
 */
export function checkExpiry(attestedAt: Date, expiresAt: Date): string | null {
  if (Number.isNaN(expiresAt.getTime())) return 'expiresAt: not a valid date.';
  if (expiresAt.getTime() <= attestedAt.getTime())
    return `expiresAt: ${utc(expiresAt)} is not after the attestation (${utc(attestedAt)}).`;
  const latest = latestExpiry(attestedAt);
  if (expiresAt.getTime() > latest.getTime()) {
    return (
      `expiresAt: ${utc(expiresAt)} is more than ${MAX_ATTESTATION_DAYS} days ` +
      `after the attestation; the latest allowed is ${utc(latest)}.`
    );
  }
  return null;
}

/** A `YYYY-MM-DD` expiry day from a form: 00:00 UTC of that day; null unless it is a real calendar day. */
export function parseExpiryDay(text: string): Date | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return null;
  const d = new Date(`${t}T00:00:00.000Z`);
  // Date rolls 2026-02-30 over to 2026-03-02: only a day that reads back the same is real.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === t ? d : null;
}

/** The ids of the controls that take an attestation (assessed 'attested' or 'both'). */
export function attestableControls(controls: readonly { id: string; assessment: string }[]): ReadonlySet<string> {
  return new Set(controls.filter((c) => c.assessment === 'attested' || c.assessment === 'both').map((c) => c.id));
}

function utc(d: Date): string {
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}
