// The glance table writer of `npm run bench` (bench/glance.ts): judges each figure against its goal, replaces only
// the rows the run measured, keeps every other row (hand-written ones too), and reports a failed bench as failed.
import { describe, expect, it } from 'vitest';
import { GLANCE_BEGIN, GLANCE_END, meets, type StepOutcome, verdict, writeGlance } from './glance.ts';
import { goal } from './glance-result.ts';
import { glanceOrder, planSteps } from './run-plan.ts';

const run = { date: '2026-12-07T01:02:03Z', machine: 'Test CPU', loadBefore: 1, loadAfter: 2, seconds: 9, scale: 's' };
const scale = { agents: 1_000_000, events: 10_000_000, packEvents: 1_000_000, seconds: 60 };
const steps = planSteps(scale);
const rowsOf = (name: string) => steps.find((s) => s.name === name)!.rows;
const ok = (name: string, figures: { row: string; value: number | null; limit: number }[]): StepOutcome => ({
  ok: true,
  rows: rowsOf(name),
  result: {
    bench: name,
    runId: 'r',
    at: '2026-12-07T00:30:00.000Z',
    load: [0.5, 1.5],
    figures: figures.map((f) => ({
      row: f.row,
      shown: `value ${f.value}`,
      checks: [{ value: f.value, goal: goal('max', f.limit, 'ms') }],
    })),
  },
});
const tableRows = (text: string) =>
  text
    .slice(text.indexOf(GLANCE_BEGIN), text.indexOf(GLANCE_END))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Bench'));

const HAND_WRITTEN = `# Benchmark results

## 11. Pages

text

## Issue 20 at a glance (hand-written; each figure is from the section named)

| Bench (issue 20's table) | Latest figure | Goal | Result | Where |
|---|---|---|---|---|
| import 100k fresh vs its write floor | 20.7 s vs 10.8 s = 1.92× (load 2) | ≤ 1.5× | not met | §2 |
| posture recompute at 1M agents | 852 ms median (load 12) | ≤ 1 s | met | §4 |
| fleet generation: 1M agents under a 256 MB heap | peak RSS 376 MB | bounded | met | §10 |

A paragraph that no longer holds.
`;

describe('goal judgement', () => {
  it('judges at most, at least and under, and never an unmeasured value', () => {
    expect(meets({ value: 200, goal: goal('max', 200, 'ms') })).toBe(true);
    expect(meets({ value: 201, goal: goal('max', 200, 'ms') })).toBe(false);
    expect(meets({ value: 999, goal: goal('min', 1000, '×') })).toBe(false);
    expect(meets({ value: 400, goal: goal('under', 400, 'MB') })).toBe(false);
    expect(meets({ value: null, goal: goal('max', 200, 'ms') })).toBe(false);
    expect(
      verdict([
        { value: 10, goal: goal('min', 33, '%') },
        { value: 213, goal: goal('under', 400, 'MB') },
      ]),
    ).toBe('not met / met');
  });
});

describe('writeGlance', () => {
  it('replaces the rows it measured, keeps the others, and drops the old hand-written block for markers', () => {
    const text = writeGlance(
      HAND_WRITTEN,
      [ok('posture', [{ row: 'posture', value: 1200, limit: 1000 }])],
      run,
      glanceOrder(scale),
    );
    expect(text.startsWith('# Benchmark results\n\n## 11. Pages\n\ntext\n\n')).toBe(true);
    expect(text).not.toContain('no longer holds');
    expect(text.match(/## Issue 20 at a glance/g)).toHaveLength(1);
    const rows = tableRows(text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('20.7 s vs 10.8 s');
    expect(rows[1]).toMatch(/^\| posture recompute at 1M agents \| value 1200 \(2026-12-07T00:30Z, load 0\.5 → 1\.5\)/);
    expect(rows[1]).toContain('| ≤ 1,000 ms | **not met** | §4 |');
    expect(rows[2]).toContain('fleet generation');
    // Written again with markers: the same rows, nothing duplicated; a later run keeps the earlier run's row.
    const again = writeGlance(
      text,
      [ok('classify', [{ row: 'classify', value: 1, limit: 5 }])],
      run,
      glanceOrder(scale),
    );
    expect(tableRows(again)).toHaveLength(4);
    expect(tableRows(again)[3]).toBe(rows[2]);
    expect(again).toContain('value 1200');
    expect(again.match(/glance:begin/g)).toHaveLength(1);
  });

  it('reports a failed bench as failed on each of its rows', () => {
    const text = writeGlance(
      HAND_WRITTEN,
      [{ ok: false, error: 'exit code 1, no figures', rows: rowsOf('import') }],
      run,
      glanceOrder(scale),
    );
    const failed = tableRows(text).filter((l) => l.includes('**failed**'));
    expect(failed.map((l) => l.split(' | ')[0])).toEqual([
      '| import 100k fresh vs its write floor',
      '| import 100k, 10% changed, vs its write floor',
    ]);
    expect(failed[0]).toContain('exit code 1');
    expect(text).toContain('1 failed');
  });

  it('appends the block to a document that has none', () => {
    const text = writeGlance('# Benchmark results\n', [], run, glanceOrder(scale));
    expect(text).toMatch(/^# Benchmark results\n\n<!-- glance:begin -->/);
    expect(text.trimEnd().endsWith(GLANCE_END)).toBe(true);
  });
});
