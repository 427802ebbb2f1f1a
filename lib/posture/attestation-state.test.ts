// Attestation status and expiry rule (pure): valid until the expiry instant, stale from it on, revoked ones
// ignored, the newest one counting; expiry after attesting and at most 90 × 24 h later.
import { describe, expect, it } from 'vitest';
import {
  attestableControls,
  attestationStatus,
  checkExpiry,
  latestExpiry,
  MAX_ATTESTATION_DAYS,
  parseExpiryDay,
} from './attestation-state.ts';

const DAY = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const attestation = (id: string, attestedAt: Date, expiresAt: Date, revokedAt: Date | null = null) => ({
  id,
  attestedAt,
  expiresAt,
  revokedAt,
});

describe('attestationStatus', () => {
  const one = attestation('a', t0, at(30 * DAY));

  it('is valid 1 ms before expiresAt and stale at expiresAt', () => {
    expect(attestationStatus([one], at(30 * DAY - 1))).toEqual({
      status: 'valid',
      current: one,
      expiresAt: at(30 * DAY),
    });
    expect(attestationStatus([one], at(30 * DAY))).toEqual({ status: 'stale', current: one, expiresAt: at(30 * DAY) });
    expect(attestationStatus([one], at(300 * DAY)).status).toBe('stale');
  });

  it('is none without attestations or with only revoked ones', () => {
    expect(attestationStatus([], t0)).toEqual({ status: 'none', current: null, expiresAt: null });
    expect(attestationStatus([attestation('r', t0, at(30 * DAY), at(DAY))], at(2 * DAY))).toEqual({
      status: 'none',
      current: null,
      expiresAt: null,
    });
  });

  it('counts the newest attestation not revoked, whatever the order', () => {
    const old = attestation('old', t0, at(90 * DAY));
    const newer = attestation('newer', at(10 * DAY), at(20 * DAY));
    // The newest expired: stale, even though an older one would still be valid.
    expect(attestationStatus([old, newer], at(25 * DAY))).toMatchObject({ status: 'stale', current: { id: 'newer' } });
    expect(attestationStatus([newer, old], at(15 * DAY))).toMatchObject({
      status: 'valid',
      current: { id: 'newer' },
      expiresAt: at(20 * DAY),
    });
    // Revoking the newest brings the older one back.
    const revoked = { ...newer, revokedAt: at(11 * DAY) };
    expect(attestationStatus([revoked, old], at(25 * DAY))).toMatchObject({
      status: 'valid',
      current: { id: 'old' },
      expiresAt: at(90 * DAY),
    });
  });
});

describe('checkExpiry', () => {
  it('accepts an expiry after attesting and at most 90 × 24 h later', () => {
    expect(MAX_ATTESTATION_DAYS).toBe(90);
    expect(latestExpiry(t0)).toEqual(at(90 * DAY));
    expect(checkExpiry(t0, at(1))).toBeNull();
    expect(checkExpiry(t0, at(90 * DAY))).toBeNull();
  });

  it('refuses an expiry not after attesting, more than 90 days away, or invalid, naming the field', () => {
    expect(checkExpiry(t0, t0)).toBe(
      'expiresAt: 2026-03-02 09:00:00 UTC is not after the attestation (2026-03-02 09:00:00 UTC).',
    );
    expect(checkExpiry(t0, at(-DAY))).toMatch(/^expiresAt: .* is not after the attestation/);
    expect(checkExpiry(t0, at(90 * DAY + 1))).toBe(
      'expiresAt: 2026-05-31 09:00:00 UTC is more than 90 days after the ' +
        'attestation; the latest allowed is 2026-05-31 09:00:00 UTC.',
    );
    expect(checkExpiry(t0, new Date(Number.NaN))).toBe('expiresAt: not a valid date.');
  });
});

describe('parseExpiryDay', () => {
  it('reads YYYY-MM-DD as 00:00 UTC of that day and nothing else', () => {
    expect(parseExpiryDay('2026-05-31')).toEqual(new Date('2026-05-31T00:00:00.000Z'));
    expect(parseExpiryDay(' 2026-05-31 ')).toEqual(new Date('2026-05-31T00:00:00.000Z'));
    expect(parseExpiryDay('2026-02-30')).toBeNull();
    expect(parseExpiryDay('2026-5-31')).toBeNull();
    expect(parseExpiryDay('2026-05-31T12:00:00Z')).toBeNull();
    expect(parseExpiryDay('')).toBeNull();
  });
});

describe('attestableControls', () => {
  it('keeps the controls assessed by attestation or both', () => {
    const set = attestableControls([
      { id: '1.1', assessment: 'attested' },
      { id: '2.3', assessment: 'both' },
      { id: '6.4', assessment: 'automated' },
    ]);
    expect([...set]).toEqual(['1.1', '2.3']);
  });
});
