import { describe, expect, it } from 'vitest';
import { attestationOverdue, daysSinceAttestation, needsAttestation } from './attestation.ts';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (d: number, extraMs = 0) => new Date(now.getTime() - d * 86_400_000 - extraMs);

describe('re-attestation (1.4)', () => {
  it('asks it of active owners and admins only', () => {
    expect(needsAttestation({ workspaceRole: 'owner', status: 'active', attestedAt: null })).toBe(true);
    expect(needsAttestation({ workspaceRole: 'admin', status: 'active', attestedAt: null })).toBe(true);
    expect(needsAttestation({ workspaceRole: 'member', status: 'active', attestedAt: null })).toBe(false);
    expect(needsAttestation({ workspaceRole: 'admin', status: 'deactivated', attestedAt: null })).toBe(false);
    expect(needsAttestation({ workspaceRole: null, status: 'active', attestedAt: null })).toBe(false);
  });

  it('is overdue when never given or not within the last 90 days, to the millisecond', () => {
    expect(attestationOverdue({ workspaceRole: 'admin', status: 'active', attestedAt: null }, now)).toBe(true);
    expect(attestationOverdue({ workspaceRole: 'admin', status: 'active', attestedAt: daysAgo(90, -1) }, now)).toBe(
      false,
    );
    expect(attestationOverdue({ workspaceRole: 'admin', status: 'active', attestedAt: daysAgo(90) }, now)).toBe(true);
    expect(attestationOverdue({ workspaceRole: 'member', status: 'active', attestedAt: null }, now)).toBe(false);
  });

  it('counts whole days since the attestation', () => {
    expect(daysSinceAttestation(null, now)).toBeNull();
    expect(daysSinceAttestation(daysAgo(0), now)).toBe(0);
    expect(daysSinceAttestation(daysAgo(91, -3_600_000), now)).toBe(90);
    expect(daysSinceAttestation(daysAgo(91), now)).toBe(91);
  });
});
