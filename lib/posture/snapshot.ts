// Posture snapshots: the full evaluation, stored when a score moved (checked every few minutes) and once a day
// (attestations and exceptions expire with no change at all). The Overview reads the latest, so it stays fast.
import { canonicalJson } from '@/lib/audit/chain.ts';
import type { Db } from '@/lib/db.ts';
import { CATALOGUE } from './catalogue.ts';
import { agentTally, type AgentTally, tallyCount } from './agent-tally.ts';
import { loadFacts } from './facts.ts';
import { scorePosture, type Posture } from './score.ts';
import type { ControlDef } from './types.ts';
import { FRAMEWORK_KEYS } from '@/lib/frameworks/catalogues.ts';

export type Counts = {
  trifecta: { exposed: number; mitigated: number; accepted: number };
  alerts: Record<'critical' | 'high' | 'medium' | 'low', number>;
  exceptionsExpiring: number;
};
export type SnapshotData = Posture & { counts: Counts };

const DAY = 86_400_000;

export async function evaluatePosture(db: Db, workspaceId: string, now: Date): Promise<SnapshotData> {
  const defs = CATALOGUE.controls as ControlDef[];
  // One pass over the agents serves the facts and the counts alike (lib/posture/agent-tally.ts).
  const tally = agentTally(db, workspaceId);
  const [facts, counts] = await Promise.all([
    loadFacts(db, workspaceId, now, tally),
    countsOf(db, workspaceId, now, tally),
  ]);
  // One exposed figure everywhere: the count 6.4 judges (stored exposed, or accepted under an exception no longer
  // in force); the rest of the stored trifecta states are accepted under an exception in force.
  const { exposed, accepted } = counts.trifecta;
  const trifecta = {
    ...counts.trifecta,
    exposed: facts.agents.exposed.count,
    accepted: exposed + accepted - facts.agents.exposed.count,
  };
  return { ...scorePosture(defs, facts), counts: { ...counts, trifecta } };
}

async function countsOf(db: Db, workspaceId: string, now: Date, tally: Promise<AgentTally>): Promise<Counts> {
  const [t, alerts, expiring] = await Promise.all([
    tally,
    db.alert.groupBy({
      by: ['severity'],
      where: { workspaceId, status: { in: ['open', 'acknowledged'] } },
      _count: { _all: true },
    }),
    db.exception.count({
      where: { workspaceId, status: 'approved', reviewAt: { gt: now, lte: new Date(now.getTime() + 14 * DAY) } },
    }),
  ]);
  const state = (s: string) => tallyCount(t, (g) => g.state === s && g.status !== 'deleted');
  const severity = (s: string) => alerts.find((x) => x.severity === s)?._count._all ?? 0;
  return {
    trifecta: { exposed: state('exposed'), mitigated: state('mitigated'), accepted: state('accepted') },
    alerts: {
      critical: severity('critical'),
      high: severity('high'),
      medium: severity('medium'),
      low: severity('low'),
    },
    exceptionsExpiring: expiring,
  };
}

/** What a change must move for a new snapshot: every score and count (canonical: jsonb does not keep key order). */
function fingerprint(d: SnapshotData): string {
  // The AI frameworks' scores move with checks that are not controls (a GPT finding, an alert), so they count too.
  return canonicalJson([d.overall, d.controls.map((c) => [c.id, c.status, c.score]), d.counts, frameworkScores(d)]);
}

/** The AI-governance frameworks' scores (issue 21), for the trend; absent from snapshots taken before them. */
export function frameworkScores(d: SnapshotData): Record<string, number | null> {
  return Object.fromEntries(FRAMEWORK_KEYS.map((k) => [k, d.frameworks[k]?.score ?? null]));
}

/**
 * Stores a snapshot; for reason 'change' only when something moved since the latest (unless forced). Returns it, or
 * null.
 */
export async function takeSnapshot(
  db: Db,
  workspaceId: string,
  reason: 'change' | 'daily',
  now = new Date(),
  options: { force?: boolean } = {},
) {
  const data = await evaluatePosture(db, workspaceId, now);
  if (reason === 'change' && !options.force) {
    const last = await db.postureSnapshot.findFirst({
      where: { workspaceId },
      orderBy: { at: 'desc' },
      select: { data: true },
    });
    if (last && fingerprint(last.data as SnapshotData) === fingerprint(data)) return null;
  }
  const trend = { sections: data.sections, counts: data.counts, frameworks: frameworkScores(data) };
  return db.postureSnapshot.create({
    data: {
      workspaceId,
      at: now,
      reason,
      catalogue: CATALOGUE.version,
      overall: data.overall ?? 0,
      data: JSON.parse(JSON.stringify(data)),
      trend,
    },
  });
}

/** Every workspace's snapshot (the scheduled jobs). */
export async function snapshotAll(db: Db, reason: 'change' | 'daily', now = new Date()) {
  for (const w of await db.workspace.findMany({ select: { id: true } })) await takeSnapshot(db, w.id, reason, now);
}

export async function latestSnapshot(db: Db, workspaceId: string) {
  return db.postureSnapshot.findFirst({ where: { workspaceId }, orderBy: { at: 'desc' } });
}
