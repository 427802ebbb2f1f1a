// Suspensions and drills (6.5) triggered within the period, with their timings — triggered, evidence captured,
// confirmed in the console, restored — the minutes each took against the 15-minute target, and the SHA-256 of the
// evidence captured before the state changed (re-hashed here: evidenceIntact says whether it still matches).
import type { Db } from '@/lib/db.ts';
import { evidenceIntact } from '@/lib/suspensions/evidence.ts';
import { suspensionTimings } from '@/lib/suspensions/timings.ts';
import { changesEnd, PAGE } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 600) / 100);
const span = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : null);

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.suspension.findMany({
      where: { workspaceId: ctx.workspaceId, triggeredAt: { gte: ctx.period.from, lt: changesEnd(ctx) } },
      orderBy: [{ triggeredAt: 'asc' }, { id: 'asc' }],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    const evidence = new Map(
      (await db.suspensionEvidence.findMany({ where: { suspensionId: { in: page.map((s) => s.id) } } })).map((e) => [
        e.suspensionId,
        e,
      ]),
    );
    for (const s of page) {
      const e = evidence.get(s.id);
      // A suspension not yet confirmed is judged at the period's end, not at the time of reading.
      const timings = suspensionTimings(s, ctx.asOf);
      const name = (e?.data as { name?: unknown } | undefined)?.name;
      yield {
        id: s.id,
        kind: s.kind,
        externalId: s.externalId,
        agentName: typeof name === 'string' ? name : null,
        reason: s.reason,
        triggeredBy: s.triggeredBy,
        triggeredAt: s.triggeredAt,
        evidenceAt: s.evidenceAt,
        notifiedAt: s.notifiedAt,
        confirmedAt: s.confirmedAt,
        confirmedBy: s.confirmedBy,
        restoredAt: s.restoredAt,
        restoredBy: s.restoredBy,
        restoreReason: s.restoreReason,
        restoreWorked: s.restoreWorked,
        minutesToEvidence: minutes(span(s.triggeredAt, s.evidenceAt)),
        minutesToConfirm: minutes(timings.totalMs),
        minutesToRestore: minutes(span(s.triggeredAt, s.restoredAt)),
        verdict: timings.verdict,
        evidenceSha256: e?.sha256 ?? null,
        evidenceCapturedAt: e?.capturedAt ?? null,
        evidenceIntact: e ? evidenceIntact(e.data, e.sha256) : null,
      };
    }
    if (page.length < PAGE) return;
    cursor = page.at(-1)!.id;
  }
}

export const suspensionsSet: EvidenceSetDef = {
  name: 'suspensions',
  title: 'Suspensions and drills',
  kind: 'changes',
  controls: ['6.5'],
  columns: [
    'id',
    'kind',
    'externalId',
    'agentName',
    'reason',
    'triggeredBy',
    'triggeredAt',
    'evidenceAt',
    'notifiedAt',
    'confirmedAt',
    'confirmedBy',
    'restoredAt',
    'restoredBy',
    'restoreReason',
    'restoreWorked',
    'minutesToEvidence',
    'minutesToConfirm',
    'minutesToRestore',
    'verdict',
    'evidenceSha256',
    'evidenceCapturedAt',
    'evidenceIntact',
  ],
  note:
    'Every suspension and drill triggered within the period with its ' +
    'recorded timings (minutes from the trigger; the 15-minute verdict), and ' +
    'the SHA-256 of the evidence captured before the state changed, ' +
    're-checked against the stored copy.',
  rows,
};
