import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { contrast, RISK_LINES, scoreLines } from './trend-palette.ts';

const sections = [
  ...new Map(
    CATALOGUE.controls.map((c) => [c.section, { section: c.section, title: `Section ${c.section}` }]),
  ).values(),
];

describe('trend chart palette', () => {
  const charts = { score: scoreLines(sections), risk: RISK_LINES };

  it('gives every series of a chart its own colour and dash, and the two charts no shared colour', () => {
    for (const lines of Object.values(charts)) {
      expect(new Set(lines.map((l) => l.color)).size).toBe(lines.length);
      expect(new Set(lines.map((l) => l.dash ?? 'solid')).size).toBe(lines.length);
    }
    const score = new Set(charts.score.map((l) => l.color));
    expect(charts.risk.filter((l) => score.has(l.color))).toEqual([]);
  });

  it('draws every line at 3:1 or more against the white panel', () => {
    for (const line of [...charts.score, ...charts.risk])
      expect(contrast(line.color, '#ffffff'), line.title).toBeGreaterThanOrEqual(3);
  });
});
