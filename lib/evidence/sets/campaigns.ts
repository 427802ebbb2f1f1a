// Access-review campaigns as auditors read them (SOC 2 CC6.2/CC6.3, guide 1.4, 3.1 and 6.1): one row per item
// of each campaign that ran during the period — what was reviewed (as snapshotted when the campaign started),
// who reviewed it, what they decided, when and why, and the owner's answer with its evidence. As of the pack's
// instant: a campaign started after it is left out, a decision made after it reads undecided. Decisions are
// final once made, so their timestamps are the history.
import type { Db } from '@/lib/db.ts';
import { before, cmp } from './read.ts';
import type { EvidenceSetDef, SetContext } from './types.ts';

function statusAsOf(c: { status: string; endedAt: Date | null }, asOf: Date): string {
  return before(c.endedAt, asOf) ? c.status : 'running';
}

async function* rows(db: Db, ctx: SetContext): AsyncIterable<Record<string, unknown>> {
  const campaigns = await db.campaign.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      startedAt: { lt: ctx.asOf },
      OR: [{ endedAt: null }, { endedAt: { gte: ctx.period.from } }],
    },
    select: { id: true, name: true, status: true, startedAt: true, dueAt: true, endedAt: true },
  });
  campaigns.sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime() || cmp(a.id, b.id));
  for (const c of campaigns) {
    const items = await db.campaignItem.findMany({
      where: { campaignId: c.id },
      orderBy: { key: 'asc' },
      include: { answers: { orderBy: { recordedAt: 'asc' }, omit: { content: true } } },
    });
    for (const i of items) {
      const decided = before(i.decidedAt, ctx.asOf);
      const answers = i.answers.filter((a) => before(a.recordedAt, ctx.asOf));
      yield {
        campaignId: c.id,
        campaign: c.name,
        campaignStatus: statusAsOf(c, ctx.asOf),
        startedAt: c.startedAt!.toISOString(),
        dueAt: c.dueAt.toISOString(),
        endedAt: before(c.endedAt, ctx.asOf) ? c.endedAt!.toISOString() : null,
        scope: i.scope,
        item: i.key,
        label: i.label,
        holder: i.holder,
        reviewer: i.reviewerLabel,
        decision: decided ? i.decision : null,
        reassignTo: decided ? i.reassignTo : null,
        reason: decided ? i.reason : null,
        decidedBy: decided ? i.decidedBy : null,
        decidedAt: decided ? i.decidedAt!.toISOString() : null,
        ownerAnswers: answers.map((a) => ({
          owner: a.ownerEmail,
          recordedBy: a.recordedBy,
          recordedAt: a.recordedAt.toISOString(),
          ...(a.evidenceUrl ? { url: a.evidenceUrl } : { filename: a.filename, bytes: a.size, sha256: a.sha256 }),
        })),
      };
    }
  }
}

export const campaignsSet: EvidenceSetDef = {
  name: 'access-reviews',
  title: 'Access-review campaigns: who decided what, when and why',
  kind: 'state',
  controls: ['1.4', '3.1', '6.1'],
  columns: [
    'campaignId',
    'campaign',
    'campaignStatus',
    'startedAt',
    'dueAt',
    'endedAt',
    'scope',
    'item',
    'label',
    'holder',
    'reviewer',
    'decision',
    'reassignTo',
    'reason',
    'decidedBy',
    'decidedAt',
    'ownerAnswers',
  ],
  note:
    'Every item of each access-review campaign that ran during the period, as snapshotted when the campaign ' +
    'started, with its reviewer and the decision (keep, revoke, reassign), its reason, who made it and when; a ' +
    'decision made after the pack’s as-of instant reads undecided. An owner outside Tollgate answers through a ' +
    'GRC user, whose record names its evidence (link, or file name, size and SHA-256).',
  rows,
};
