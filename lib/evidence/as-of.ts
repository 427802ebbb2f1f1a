// What "as of the period's end" means in a pack: for a period that has ended, its end (the posture: the latest
// snapshot taken before it); for one still running, the latest posture snapshot (taken every few minutes when
// a score moves), so two downloads in a row give the same pack until something changes.
import type { Db } from '../db.ts';
import { AppError } from '../http/app-error.ts';
import type { SnapshotData } from '../posture/snapshot.ts';
import { takeSnapshot } from '../posture/snapshot.ts';
import type { Period, PostureAsOf } from './types.ts';

export const GENERATOR = { name: 'tollgate', version: '0.1.0' } as const;

export async function evidenceAsOf(db: Db, workspaceId: string, period: Period, now = new Date()): Promise<{ asOf: Date; posture: PostureAsOf }> {
  const ended = period.to.getTime() <= now.getTime();
  let snapshot = await db.postureSnapshot.findFirst({ where: { workspaceId, at: { lt: ended ? period.to : now } }, orderBy: { at: 'desc' } });
  if (!snapshot && !ended) snapshot = await takeSnapshot(db, workspaceId, 'change', now);
  if (!snapshot) throw new AppError('unprocessable', `Tollgate has no posture snapshot before ${period.to.toISOString()}: it had not evaluated this workspace by the period's end. Choose a later end.`);
  const posture: PostureAsOf = { at: snapshot.at, source: 'snapshot', data: snapshot.data as unknown as SnapshotData };
  return { asOf: ended ? period.to : snapshot.at, posture };
}

// A UTC date or instant: periods are in UTC (an offset would make "the same period" ambiguous).
const UTC = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

/** A period from form or CLI values: dates (UTC midnight) or instants, `from` before `to`. */
export function parsePeriod(from: unknown, to: unknown): Period {
  const parse = (v: unknown, name: string) => {
    const text = typeof v === 'string' ? v.trim() : '';
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
    if (!UTC.test(text) || Number.isNaN(d.getTime())) throw new AppError('unprocessable', `${name}: expected a UTC date (2026-01-01) or instant (2026-04-01T00:00:00Z), got "${text}".`);
    if (d.toISOString().slice(0, 10) !== text.slice(0, 10)) throw new AppError('unprocessable', `${name}: ${text} is not a real date.`);
    return d;
  };
  const period = { from: parse(from, 'from'), to: parse(to, 'to') };
  if (period.from >= period.to) throw new AppError('unprocessable', 'from: the period must start before it ends (to is exclusive).');
  return period;
}
