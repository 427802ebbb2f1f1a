import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { FRAMEWORK_KEYS, FRAMEWORK_LABELS } from '@/lib/frameworks/catalogues.ts';
import { contrast, frameworkLines, RISK_LINES, scoreLines } from './trend-palette.ts';

const sections = [
  ...new Map(
    CATALOGUE.controls.map((c) => [c.section, { section: c.section, title: `Section ${c.section}` }]),
  ).values(),
];

describe('trend chart palette', () => {
  const charts = {
    score: scoreLines(sections),
    risk: RISK_LINES,
    frameworks: frameworkLines(FRAMEWORK_KEYS.map((key) => ({ key, title: FRAMEWORK_LABELS[key] }))),
  };

  it('gives every series of a chart its own colour and dash, and the charts no shared colour', () => {
    for (const lines of Object.values(charts)) {
      expect(new Set(lines.map((l) => l.color)).size).toBe(lines.length);
      expect(new Set(lines.map((l) => l.dash ?? 'solid')).size).toBe(lines.length);
    }
    const score = new Set(charts.score.map((l) => l.color));
    const risk = new Set(charts.risk.map((l) => l.color));
    expect(charts.risk.filter((l) => score.has(l.color))).toEqual([]);
    expect(charts.frameworks.filter((l) => score.has(l.color) || risk.has(l.color))).toEqual([]);
  });

  it('draws every line at 3:1 or more against the white panel', () => {
    for (const line of [...charts.score, ...charts.risk, ...charts.frameworks])
      expect(contrast(line.color, '#ffffff'), line.title).toBeGreaterThanOrEqual(3);
  });
});
