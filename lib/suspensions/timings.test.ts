// Suspension timings against the guide's 15-minute target, and the drill status over 90 UTC days.
import { describe, expect, it } from 'vitest';
import { drillStatus } from './runbook.ts';
import { formatDuration, suspensionTimings, TARGET_MS } from './timings.ts';

const t0 = new Date('2026-04-01T10:00:00.000Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

describe('suspensionTimings', () => {
  it('times each step and the total; under 15 minutes is met', () => {
    const t = suspensionTimings({ triggeredAt: t0, evidenceAt: plus(120), confirmedAt: plus(7 * MIN) }, plus(60 * MIN));
    expect(t.steps.map((s) => s.ms)).toEqual([120, 7 * MIN - 120]);
    expect(t).toMatchObject({ totalMs: 7 * MIN, elapsedMs: null, verdict: 'met' });
  });

  it('through the Admin API: trigger → evidence → platform answered → confirmed in logs, the total to the logs', () => {
    const base = { triggeredAt: t0, evidenceAt: plus(90), platformActionId: 'pa-1' };
    const t = suspensionTimings(
      { ...base, platformAnsweredAt: plus(1_500), confirmedAt: plus(6 * MIN) },
      plus(60 * MIN),
    );
    expect(t.steps.map((s) => [s.label, s.ms])).toEqual([
      ['Trigger → evidence captured', 90],
      ['Evidence captured → platform answered', 1_410],
      ['Platform answered → confirmed in logs', 6 * MIN - 1_500],
    ]);
    expect(t).toMatchObject({ totalMs: 6 * MIN, verdict: 'met' });
    // Answered but not yet seen in the logs: the clock still runs.
    const waiting = suspensionTimings({ ...base, platformAnsweredAt: plus(1_500), confirmedAt: null }, plus(3 * MIN));
    expect(waiting).toMatchObject({ totalMs: null, elapsedMs: 3 * MIN, verdict: 'running' });
    expect(waiting.steps[2]!.ms).toBeNull();
  });

  it('is missed at exactly 15 minutes and over', () => {
    expect(
      suspensionTimings({ triggeredAt: t0, evidenceAt: plus(50), confirmedAt: plus(TARGET_MS) }, plus(TARGET_MS))
        .verdict,
    ).toBe('missed');
    expect(
      suspensionTimings({ triggeredAt: t0, evidenceAt: plus(50), confirmedAt: plus(TARGET_MS - 1) }, plus(TARGET_MS))
        .verdict,
    ).toBe('met');
  });

  it('is running while unconfirmed under 15 minutes, missed once they pass', () => {
    const running = suspensionTimings({ triggeredAt: t0, evidenceAt: plus(80), confirmedAt: null }, plus(4 * MIN));
    expect(running).toMatchObject({ totalMs: null, elapsedMs: 4 * MIN, verdict: 'running' });
    expect(running.steps[1]!.ms).toBeNull();
    expect(
      suspensionTimings({ triggeredAt: t0, evidenceAt: plus(80), confirmedAt: null }, plus(16 * MIN)),
    ).toMatchObject({ elapsedMs: 16 * MIN, verdict: 'missed' });
  });

  it('has not started while a drill is only scheduled', () => {
    expect(suspensionTimings({ triggeredAt: null, evidenceAt: null, confirmedAt: null }, t0)).toMatchObject({
      totalMs: null,
      elapsedMs: null,
      verdict: 'scheduled',
    });
  });

  it('formats durations', () => {
    expect([
      formatDuration(null),
      formatDuration(350),
      formatDuration(42_000),
      formatDuration(7 * MIN + 5000),
      formatDuration(125 * MIN),
      formatDuration(50 * 60 * MIN),
    ]).toEqual(['—', '350 ms', '42 s', '7 min 05 s', '2 h 05 min', '2 d 2 h']);
  });
});

describe('drillStatus', () => {
  const drill = (id: string, triggeredAt: Date | null, confirmMs: number | null, scheduledFor: Date | null = null) => ({
    id,
    triggeredAt,
    evidenceAt: triggeredAt,
    confirmedAt: triggeredAt && confirmMs !== null ? new Date(triggeredAt.getTime() + confirmMs) : null,
    restoredAt: null,
    restoreWorked: null,
    scheduledFor,
  });
  const now = new Date('2026-07-01T08:00:00Z');

  it('takes the last drill run and counts 90 UTC days back from today', () => {
    const onEdge = drill('edge', new Date('2026-04-02T00:00:00Z'), 9 * MIN);
    const before = drill('old', new Date('2026-04-01T23:59:59Z'), 9 * MIN);
    expect(drillStatus([before, onEdge], now)).toMatchObject({
      last: { id: 'edge' },
      inWindow: true,
      metTarget: true,
      since: new Date('2026-04-02T00:00:00Z'),
    });
    expect(drillStatus([before], now)).toMatchObject({ last: { id: 'old' }, inWindow: false, metTarget: true });
  });

  it('reports a missed target, none, and the next scheduled drill', () => {
    const slow = drill('slow', new Date('2026-06-20T10:00:00Z'), 22 * MIN);
    const next = drill('next', null, null, new Date('2026-07-03T09:00:00Z'));
    expect(drillStatus([slow, next], now)).toMatchObject({
      last: { id: 'slow' },
      inWindow: true,
      metTarget: false,
      nextScheduled: { id: 'next' },
    });
    expect(drillStatus([next], now)).toMatchObject({ last: null, timings: null, inWindow: false, metTarget: null });
  });
});
