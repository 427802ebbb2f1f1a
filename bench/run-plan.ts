// What `npm run bench` (bench/run.ts) runs, in order, and the glance rows each bench fills (bench/glance.ts).
// The row labels follow issue 20's Performance table at the run's scale; a row's id is what the bench's figure
// names (bench/glance-result.ts).
import type { PlannedRow } from './glance.ts';

export type Scale = { agents: number; events: number; packEvents: number; seconds: number };
export type Step = {
  name: string;
  script: string;
  /** `$FLEET_URL` stands for the served fleet's database URL. */
  args: string[];
  /** The results file's name (bench/results/<result>.json). */
  result: string;
  rows: PlannedRow[];
  /** true: reads the run's fleet; false: runs after the fleet is stopped; absent: indifferent. */
  needsFleet?: boolean;
};

/** 1M, 10M, 100k, 2.5k: the way the issue names sizes. */
export function short(n: number): string {
  const trim = (x: number) => String(Math.round(x * 10) / 10);
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}k`;
  return String(n);
}

export const STEP_NAMES = ['classify', 'import', 'import-large', 'ingest', 'posture', 'pages', 'evidence'];

export function planSteps(s: Scale, only?: string[]): Step[] {
  const unknown = only?.filter((n) => !STEP_NAMES.includes(n)) ?? [];
  if (unknown.length) throw new Error(`--only: unknown bench ${unknown.join(', ')}; known: ${STEP_NAMES.join(', ')}`);
  const all: Step[] = [
    {
      name: 'classify',
      script: 'bench/classify-run.ts',
      args: [],
      result: 'classify',
      rows: [row('classify', "`tollgate classify` 1M agents incl. start-up vs the guide's loop", '≥ 1000×', '§1')],
    },
    {
      name: 'import',
      script: 'bench/import-main.ts',
      args: [],
      result: 'import-100k',
      rows: [
        row('import-fresh', 'import 100k fresh vs its write floor', '≤ 1.5×', '§2'),
        row('import-changed', 'import 100k, 10% changed, vs its write floor', '≤ 1.5×', '§2'),
      ],
    },
    {
      name: 'import-large',
      script: 'bench/import-main.ts',
      args: ['--agents', String(s.agents), '--repeats', '1', '--fresh-only'],
      result: `import-${short(s.agents)}`,
      rows: [row('import-fresh', `import ${short(s.agents)} fresh vs its write floor, RSS`, '≤ 2×, < 600 MB', '§2')],
    },
    {
      name: 'ingest',
      script: 'bench/ingest.ts',
      args: ['--events', String(s.events), '--runs', '1'],
      result: 'ingest',
      rows: [row('ingest', ingestLabel(s.events), '≥ 33.3%, < 400 MB', '§3')],
    },
    {
      name: 'posture',
      script: 'bench/posture.ts',
      args: ['--database-url', '$FLEET_URL', '--runs', '5'],
      result: 'posture',
      rows: [row('posture', `posture recompute at ${short(s.agents)} agents`, '≤ 1000 ms', '§4')],
      needsFleet: true,
    },
    {
      name: 'pages',
      script: 'bench/pages.ts',
      args: ['--database-url', '$FLEET_URL', '--seconds', String(s.seconds)],
      result: 'pages',
      rows: [row('pages', pagesLabel(s), '≤ 200 ms', '§11')],
      needsFleet: true,
    },
    {
      name: 'evidence',
      script: 'bench/evidence.ts',
      args: ['--events', String(s.packEvents), '--runs', '1', '--cap-mb', '0'],
      result: 'evidence',
      rows: [
        row('pack', `${short(s.packEvents)}-event pack: web server RSS while the worker writes it`, '< 400 MB', '§6'),
      ],
      needsFleet: false,
    },
  ];
  // import-large only when the run's scale is beyond the 100k import.
  const planned = all.filter((step) => step.name !== 'import-large' || s.agents > 100_000);
  return only ? planned.filter((step) => only.includes(step.name)) : planned;
}

const row = (id: string, label: string, goal: string, section: string): PlannedRow => ({ id, label, goal, section });
const ingestLabel = (events: number) => `ingest ${short(events)} events + 10% redelivered vs COPY, RSS`;
const pagesLabel = (s: Scale) =>
  `Overview (every role), Agents, Reviews, Findings, Alerts p95 at 20 req/s, ${short(s.agents)} agents / ` +
  `${short(s.events)} events`;

/** The glance table's order: the Performance table, then any other row as it stands. */
export function glanceOrder(s: Scale): string[] {
  return planSteps(s).flatMap((step) => step.rows.map((r) => r.label));
}
