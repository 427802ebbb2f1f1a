import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Admission, REPORT_INTERVAL_MS, SHEDDING_WINDOW_MS, type ShedReport } from './admission.ts';
import { DEFAULT_MAX_IN_FLIGHT, IN_FLIGHT_PER_CONNECTION, readMaxInFlight } from './admission-limit.ts';
import { DB_POOL_MAX } from '@/lib/runtime/pool-size.ts';

/** An Admission on a clock the test moves, with its timers run by hand. */
function harness(limit: number) {
  let now = 1_000_000;
  const reports: ShedReport[] = [];
  const timers: { at: number; run: () => void }[] = [];
  const admission = new Admission(limit, {
    now: () => now,
    report: (r) => reports.push(r),
    later: (run, ms) => {
      timers.push({ at: now + ms, run });
      return {};
    },
    random: () => 0.99,
  });
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers.splice(0, timers.length, ...timers.filter((t) => t.at > now));
    for (const t of due) t.run();
  };
  return { admission, reports, timers, advance };
}

describe('Admission', () => {
  it('lets in up to the limit, refuses the next, and lets one in again when one finishes', () => {
    const { admission } = harness(3);
    const releases = [admission.tryAdmit(), admission.tryAdmit(), admission.tryAdmit()];
    expect(releases.every((r) => r !== null)).toBe(true);
    expect(admission.tryAdmit()).toBeNull();
    releases[1]!();
    releases[1]!(); // a second call gives back nothing more
    expect(admission.status().inFlight).toBe(2);
    expect(admission.tryAdmit()).not.toBeNull();
    expect(admission.tryAdmit()).toBeNull();
  });

  it('lets a prefetch in only while half the slots are free', () => {
    const { admission } = harness(4);
    const first = admission.tryAdmit(true);
    const second = admission.tryAdmit(true);
    expect([first, second].every((r) => r !== null)).toBe(true);
    expect(admission.tryAdmit(true)).toBeNull();
    expect(admission.tryAdmit()).not.toBeNull();
    expect(admission.tryAdmit()).not.toBeNull();
    expect(admission.tryAdmit()).toBeNull();
    // Even a limit of one lets a lone prefetch in.
    expect(harness(1).admission.tryAdmit(true)).not.toBeNull();
  });

  it('never has more than the limit in flight, and counts every refusal (any order of arrivals and finishes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { maxLength: 200 }), (limit, steps) => {
        const { admission } = harness(limit);
        const held: (() => void)[] = [];
        let refused = 0;
        for (const arrive of steps) {
          if (arrive) {
            const release = admission.tryAdmit();
            if (release) held.push(release);
            else refused += 1;
          } else held.shift()?.();
          expect(admission.status().inFlight).toBe(held.length);
          expect(held.length).toBeLessThanOrEqual(limit);
        }
        expect(admission.status().shedTotal).toBe(refused);
      }),
    );
  });

  it('reports sheds at most once a second, every shed counted in some report', () => {
    const { admission, reports, advance } = harness(1);
    admission.tryAdmit();
    for (let i = 0; i < 5; i++) admission.tryAdmit();
    expect(reports).toEqual([{ shed: 1, shedTotal: 1, inFlight: 1, limit: 1 }]);
    advance(REPORT_INTERVAL_MS / 2);
    admission.tryAdmit();
    expect(reports).toHaveLength(1);
    advance(REPORT_INTERVAL_MS / 2);
    expect(reports).toEqual([
      { shed: 1, shedTotal: 1, inFlight: 1, limit: 1 },
      { shed: 5, shedTotal: 6, inFlight: 1, limit: 1 },
    ]);
    advance(10 * REPORT_INTERVAL_MS);
    expect(reports).toHaveLength(2);
    admission.tryAdmit();
    expect(reports.at(-1)).toEqual({ shed: 1, shedTotal: 7, inFlight: 1, limit: 1 });
  });

  it('says it is shedding until a while after its last refusal', () => {
    const { admission, advance } = harness(1);
    admission.tryAdmit();
    expect(admission.status().shedding).toBe(false);
    admission.tryAdmit();
    expect(admission.status().shedding).toBe(true);
    advance(SHEDDING_WINDOW_MS - 1);
    expect(admission.status().shedding).toBe(true);
    advance(1);
    expect(admission.status().shedding).toBe(false);
  });

  it('asks a shed client to come back in 1–3 s', () => {
    const seen = new Set<number>();
    for (const r of [0, 0.34, 0.67, 0.999]) {
      const admission = new Admission(1, { report: () => {}, random: () => r });
      seen.add(admission.retryAfterSeconds());
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('TOLLGATE_MAX_IN_FLIGHT', () => {
  it('defaults to a number of requests per pooled connection', () => {
    expect(readMaxInFlight({})).toBe(DB_POOL_MAX * IN_FLIGHT_PER_CONNECTION);
    expect(readMaxInFlight({ TOLLGATE_MAX_IN_FLIGHT: ' ' })).toBe(DEFAULT_MAX_IN_FLIGHT);
    expect(readMaxInFlight({ TOLLGATE_MAX_IN_FLIGHT: '4' })).toBe(4);
  });

  it.each(['0', '-3', '2.5', 'ten', '1e3', '10001', '0x10'])('refuses %j, naming the setting', (value) => {
    expect(() => readMaxInFlight({ TOLLGATE_MAX_IN_FLIGHT: value })).toThrow(/^TOLLGATE_MAX_IN_FLIGHT: /);
  });
});
