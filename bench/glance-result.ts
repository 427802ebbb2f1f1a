// What a bench hands to `npm run bench`'s glance table (bench/glance.ts): its figures as JSON in
// $BENCH_RESULTS_DIR/<bench>.json (bench/results/, git-ignored: the table in RESULTS.md is the record, these are the
// run's hand-over between processes). Written only when bench/run.ts started the bench (BENCH_RUN_ID set), so a
// bench run on its own leaves nothing behind.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult, Figure, Goal } from './glance.ts';

export type { Figure };

export const RESULTS_DIR_DEFAULT = path.join(import.meta.dirname, 'results');
const loadStart = os.loadavg()[0]!;

export const goal = (op: Goal['op'], limit: number, unit: string): Goal => ({ op, limit, unit });

/** Writes this bench's figures for the run that started it; load before = when this module was first loaded. */
export function writeBenchResult(bench: string, figures: Figure[], loadBefore = loadStart): string | null {
  const runId = process.env.BENCH_RUN_ID;
  if (!runId) return null;
  const dir = process.env.BENCH_RESULTS_DIR ?? RESULTS_DIR_DEFAULT;
  mkdirSync(dir, { recursive: true });
  const result: BenchResult = {
    bench,
    runId,
    at: new Date().toISOString(),
    load: [loadBefore, os.loadavg()[0]!],
    figures,
  };
  const file = path.join(dir, `${bench}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
