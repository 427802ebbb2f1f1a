// A framework's score by the posture formula (issue 21), pure: an item scores the mean of its mapped controls'
// scores and of its mapped checks' pass shares (0–100); an item with nothing scored is not assessed and left out;
// the framework scores the mean of its assessed items.
import type { FrameworkCatalogue } from './parse.ts';

/** A check's population and how much of it passes (lib/posture/facts.ts counts them). */
export type CheckShare = { passing: number; total: number; of: string };

export type FrameworkItemScore = {
  id: string;
  title: string;
  group: string | null;
  /** null: not assessed (nothing mapped, or only controls not applicable). */
  score: number | null;
  controls: string[];
  checks: string[];
};
export type FrameworkScore = {
  score: number | null;
  /** Items with a score, of `total`. */
  assessed: number;
  total: number;
  items: FrameworkItemScore[];
};

const round = (x: number) => Math.round(10 * x) / 10;
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** A check's score, 0–100: the share of its population that passes (100 when it has none, as nothing fails). */
export function shareScore(s: CheckShare): number {
  return s.total === 0 ? 100 : round((100 * s.passing) / s.total);
}

export function scoreFramework(
  catalogue: FrameworkCatalogue,
  controlScores: ReadonlyMap<string, number | null>,
  shares: Readonly<Record<string, CheckShare>>,
): FrameworkScore {
  const mapped = new Map<string, { controls: Set<string>; checks: Set<string> }>();
  for (const m of catalogue.mappings) {
    const [kind, id] = [m.from.slice(0, m.from.indexOf(':')), m.from.slice(m.from.indexOf(':') + 1)];
    for (const to of m.to) {
      const entry = mapped.get(to) ?? { controls: new Set(), checks: new Set() };
      if (kind === 'control') entry.controls.add(id);
      else entry.checks.add(m.from);
      mapped.set(to, entry);
    }
  }
  const items = catalogue.items.map((item) => {
    const entry = mapped.get(item.id);
    const controls = [...(entry?.controls ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const checks = [...(entry?.checks ?? [])].sort();
    const parts = [
      ...controls.map((c) => controlScores.get(c)).filter((s): s is number => typeof s === 'number'),
      ...checks.flatMap((c) => (shares[c] ? [shareScore(shares[c])] : [])),
    ];
    return { id: item.id, title: item.title, group: item.group ?? null, score: mean(parts), controls, checks };
  });
  const scored = items.filter((i) => i.score !== null).map((i) => i.score!);
  return { score: mean(scored), assessed: scored.length, total: items.length, items };
}
