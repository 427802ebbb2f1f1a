// Colours and dash patterns of the Overview's trend charts. Every series of a chart has its own colour and
// dash, each colour at least 3:1 against the white panel (WCAG 1.4.11, graphical objects), and the two charts
// share no colour, so a legend entry never points at two lines. Pure data: tested in trend-palette.test.ts.

export type TrendLine = { key: string; title: string; color: string; width?: number; dash?: string };

/** The overall score, then the guide's six sections in order. */
export const SCORE_COLORS = ['#1f4fb8', '#7b3294', '#1b7837', '#b35806', '#c51b7d', '#01665e', '#4d4d4d'] as const;
const SECTION_DASHES = ['6 3', '2 2', '8 3 2 3', '4 4', '1 3', '10 4'] as const;

export function scoreLines(sections: { section: number; title: string }[]): TrendLine[] {
  return [
    { key: 'overall', title: 'Overall', color: SCORE_COLORS[0], width: 3 },
    ...sections.map((s, i) => ({
      key: `s${s.section}`,
      title: `${s.section}. ${s.title}`,
      color: SCORE_COLORS[1 + (i % (SCORE_COLORS.length - 1))]!,
      dash: SECTION_DASHES[i % SECTION_DASHES.length],
    })),
  ];
}

export const RISK_LINES: TrendLine[] = [
  { key: 'exposed', title: 'Trifecta exposed', color: '#c0392b', width: 2.5 },
  { key: 'mitigated', title: 'Mitigated', color: '#2e7d32', dash: '6 3' },
  { key: 'accepted', title: 'Accepted', color: '#5e3c99', dash: '2 2' },
  { key: 'critical', title: 'Critical alerts', color: '#000000', width: 2, dash: '8 3 2 3' },
  { key: 'high', title: 'High alerts', color: '#d95f02', dash: '4 4' },
  { key: 'expiring', title: 'Exceptions expiring', color: '#8c510a', dash: '1 3' },
];

/** The AI-governance frameworks' scores (issue 21), in the catalogues' order; keys as TrendPoint's `f_<key>`. */
const FRAMEWORK_COLORS = ['#08519c', '#54278f', '#006d2c', '#a63603', '#ae017e', '#016c59', '#252525'] as const;
const FRAMEWORK_DASHES = ['solid', '6 3', '2 2', '8 3 2 3', '4 4', '1 3', '10 4'] as const;

export function frameworkLines(frameworks: { key: string; title: string }[]): TrendLine[] {
  return frameworks.map((f, i) => ({
    key: `f_${f.key}`,
    title: f.title,
    color: FRAMEWORK_COLORS[i % FRAMEWORK_COLORS.length]!,
    ...(FRAMEWORK_DASHES[i % FRAMEWORK_DASHES.length] === 'solid' ? {} : { dash: FRAMEWORK_DASHES[i % 7] }),
  }));
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
