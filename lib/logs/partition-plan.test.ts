// The partition plan: names, periods, and which partitions the job creates (continuous, ahead, stragglers bounded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AHEAD,
  BACK_LIMIT_DAYS,
  PERIOD_MS,
  type PartitionedTable,
  partitionName,
  partitionOf,
  partitionsBefore,
  partitionsToCreate,
  periodStart,
} from './partition-plan.ts';

const DAY = 86_400_000;
const tables: PartitionedTable[] = ['LogEvent', 'LogContent'];
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((t) => new Date(t));

describe('partition plan', () => {
  it('starts weeks on Monday 00:00 UTC and days at 00:00 UTC, named after their first day', () => {
    const sunday = new Date('2026-12-06T23:59:59.999Z');
    expect(periodStart('LogEvent', sunday).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(periodStart('LogEvent', new Date('2026-12-07T00:00:00Z')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(partitionName('LogContent', periodStart('LogContent', sunday))).toBe('LogContent_20261206');
    expect(partitionOf('LogEvent', 'LogEvent_20261130')?.to.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    // A name that is no period start, the default, or another table's name is not one of ours.
    for (const name of ['LogEvent_20261201', 'LogEvent_default', 'LogContent_20261130x', 'LogEvent_20261340'])
      expect(partitionOf('LogEvent', name)).toBeNull();
  });

  it('every instant lies in the period named after its start, and names read back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tables), instant, (table, at) => {
        const p = partitionOf(table, partitionName(table, periodStart(table, at)));
        expect(p).not.toBeNull();
        expect(p!.from.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(p!.to.getTime()).toBeGreaterThan(at.getTime());
        expect(p!.to.getTime() - p!.from.getTime()).toBe(PERIOD_MS[table]);
      }),
    );
  });

  it('after the plan, the partitions run without gaps from the oldest kept or wanted through AHEAD past now', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tables),
        instant,
        fc.array(fc.integer({ min: -60, max: 60 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 8 }),
        (table, now, kept, strayDays) => {
          const period = PERIOD_MS[table];
          const current = periodStart(table, now).getTime();
          const existing = [...new Set(kept)].map((k) => partitionName(table, new Date(current + k * period)));
          const strays = strayDays.map((d) => new Date(now.getTime() + d * DAY));
          const notBefore = new Date(now.getTime() - 500 * DAY);
          const plan = partitionsToCreate(table, { now, existing, strays, notBefore });
          expect(plan.filter((p) => existing.includes(p.name))).toEqual([]);
          const all = [...existing, ...plan.map((p) => p.name)].map((n) => partitionOf(table, n)!.from.getTime());
          const have = new Set(all);
          const floor = periodStart(table, new Date(now.getTime() - BACK_LIMIT_DAYS * DAY)).getTime();
          const last = current + AHEAD[table] * period;
          for (let t = current; t <= last; t += period) expect(have.has(t)).toBe(true);
          for (const s of strays) {
            const start = periodStart(table, s).getTime();
            // A straggler gets its partition when within the back limit and not beyond the weeks ahead.
            if (start >= floor && start <= last) expect(have.has(start)).toBe(true);
          }
          // No gaps from the oldest partition created to the last ahead.
          const created = plan.map((p) => p.from.getTime());
          if (created.length) {
            for (let t = Math.min(...created); t <= last; t += period) expect(have.has(t)).toBe(true);
            expect(Math.min(...created)).toBeGreaterThanOrEqual(floor);
          }
        },
      ),
    );
  });

  it('nothing before notBefore is created (what retention would drop again)', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const plan = partitionsToCreate('LogEvent', {
      now,
      existing: [],
      strays: [new Date('2026-10-01T00:00:00Z'), new Date('2026-11-20T00:00:00Z')],
      notBefore: new Date('2026-11-01T00:00:00Z'),
    });
    expect(plan[0]!.name).toBe('LogEvent_20261116');
    expect(plan.at(-1)!.name).toBe('LogEvent_20261228');
  });

  it('retention takes only partitions wholly before the cut', () => {
    const names = ['LogContent_20261101', 'LogContent_20261102', 'LogContent_default', 'LogContent_20261103'];
    expect(partitionsBefore('LogContent', names, new Date('2026-11-03T00:00:00Z')).map((p) => p.name)).toEqual([
      'LogContent_20261101',
      'LogContent_20261102',
    ]);
    expect(partitionsBefore('LogContent', names, new Date('2026-11-02T23:59:59Z')).map((p) => p.name)).toEqual([
      'LogContent_20261101',
    ]);
  });
});
