// The instant a pack (or an OSCAL export) speaks for. A period that has ended: its end, with the posture of the
// latest snapshot taken before it, so two packs of it are identical. A period still running: the instant the
// pack is generated, with a posture evaluated then — a snapshot can be minutes old, and evidence that leaves out
// the approval made a minute ago is evidence an auditor rejects.
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type { SnapshotData } from '@/lib/posture/snapshot.ts';
import { evaluatePosture } from '@/lib/posture/snapshot.ts';
import type { Period, PostureAsOf } from './types.ts';

export const GENERATOR = { name: 'tollgate', version: '0.1.0' } as const;

export async function evidenceAsOf(
  db: Db,
  workspaceId: string,
  period: Period,
  now = new Date(),
  /** The posture an earlier attempt at the same pack reported (a pack job taken over): reused, not re-read. */
  known?: PostureAsOf,
): Promise<{ asOf: Date; posture: PostureAsOf }> {
  refuseUnstarted(period, now);
  // A period ending exactly now (the CLI's default "last 90 days") is still running: evaluate, don't read a snapshot.
  if (period.to.getTime() >= now.getTime()) {
    const asOf = new Date(now.getTime());
    return { asOf, posture: known ?? { at: asOf, source: 'live', data: await evaluatePosture(db, workspaceId, asOf) } };
  }
  if (known) return { asOf: period.to, posture: known };
  const snapshot = await snapshotBefore(db, workspaceId, period);
  return {
    asOf: period.to,
    posture: { at: snapshot.at, source: 'snapshot', data: snapshot.data as unknown as SnapshotData },
  };
}

/**
 * The refusals of evidenceAsOf, without evaluating or reading the posture: the web server answers a bad request at
 * once and leaves the work to a pack worker.
 */
export async function checkEvidencePeriod(db: Db, workspaceId: string, period: Period, now = new Date()) {
  refuseUnstarted(period, now);
  if (period.to.getTime() < now.getTime()) await snapshotBefore(db, workspaceId, period, { at: true });
}

function refuseUnstarted(period: Period, now: Date) {
  if (period.from.getTime() >= now.getTime())
    throw new AppError(
      'unprocessable',
      `from: the period starts at ${period.from.toISOString()}, after now; there is no evidence for it yet.`,
    );
}

async function snapshotBefore(db: Db, workspaceId: string, period: Period, select?: { at: true }) {
  const snapshot = await db.postureSnapshot.findFirst({
    where: { workspaceId, at: { lt: period.to } },
    orderBy: { at: 'desc' },
    select: { at: true, data: !select },
  });
  if (!snapshot)
    throw new AppError(
      'unprocessable',
      `Tollgate has no posture snapshot before ${period.to.toISOString()}: it ` +
        `had not evaluated this workspace by the period's end. Choose a later end.`,
    );
  return snapshot;
}

// A UTC date or instant: periods are in UTC (an offset would make "the same period" ambiguous).
const UTC = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

/** A period from form or CLI values: dates (UTC midnight) or instants, `from` before `to`. */
export function parsePeriod(from: unknown, to: unknown): Period {
  const parse = (v: unknown, name: string) => {
    const text = typeof v === 'string' ? v.trim() : '';
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (!UTC.test(text) || Number.isNaN(d.getTime()))
      throw new AppError(
        'unprocessable',
        `${name}: expected a UTC date (2026-01-01) or instant (2026-04-01T00:00:00Z), got "${text}".`,
      );
    if (d.toISOString().slice(0, 10) !== text.slice(0, 10))
      throw new AppError('unprocessable', `${name}: ${text} is not a real date.`);
    return d;
  };
  const period = { from: parse(from, 'from'), to: parse(to, 'to') };
  if (period.from >= period.to)
    throw new AppError('unprocessable', 'from: the period must start before it ends (to is exclusive).');
  return period;
}
