// The demo is built the way it happened: every dated step runs in time order, the Compliance Logs are
// delivered as the days pass, and the posture jobs take their snapshots along the way — so the weeks of
// history on the CISO overview are real evaluations of the records as they stood then, not invented points.
import type { Db } from '@/lib/db.ts';
import { takeSnapshot } from '@/lib/posture/snapshot.ts';

const DAY = 86_400_000;
const MIN = 60_000;

/**
 * Something the demo's people did at a time; `run` passes that time to the services, which date their records and
 * audit events with it. The chain's times never go back (lib/audit/chain.ts auditTime), hence the time order below.
 */
export type Step = { at: Date; run: () => Promise<unknown> };

/** `days` (fractions allowed) and `minutes` before `now`. */
export const ago = (now: Date, days: number, minutes = 0) => new Date(now.getTime() - days * DAY + minutes * MIN);

/** The scheduled daily posture snapshot (00:05 UTC, scripts/start.ts) on each of the last `days` days. */
export function dailySnapshots(db: Db, workspaceId: string, now: Date, days: number): Step[] {
  const steps: Step[] = [];
  const today = Math.floor(now.getTime() / DAY) * DAY + 5 * MIN;
  for (let t = today - days * DAY; t <= now.getTime(); t += DAY) {
    const at = new Date(t);
    steps.push({ at, run: () => takeSnapshot(db, workspaceId, 'daily', at) });
  }
  return steps;
}

/** Runs the steps in time order (steps at the same time in the order given); `before` sees each step's time first. */
export async function runTimeline(steps: Step[], before?: (at: Date) => Promise<void>) {
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i);
  for (const { s } of ordered) {
    await before?.(s.at);
    await s.run();
  }
}
