// Campaign notices through the workspace's alert webhook (as the exception notices are): an owner who is not a
// Tollgate user is asked about each of their items once; reviewers with undecided items are reminded once when
// the due date is within REMIND_DAYS; an overdue campaign is escalated once. Each notice is recorded
// (CampaignNotice, unique per campaign, kind and subject, so a notice is never sent twice) and audited,
// whether or not a webhook is configured.
import { recordAudit, SYSTEM_ACTOR } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { postToAlertChannel } from '@/lib/webhooks/deliver.ts';
import { REMIND_DAYS } from './rules.ts';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

type Options = { now?: Date; appUrl?: string; fetch?: typeof fetch };
type Notice = {
  campaignId: string;
  workspaceId: string;
  kind: 'ask' | 'remind' | 'escalate';
  subject: string;
  recipient: string;
  text: string;
};

export async function sendCampaignNotices(db: Db, secretKey: string, options: Options = {}) {
  const now = options.now ?? new Date();
  const running = await db.campaign.findMany({
    where: { status: 'running' },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      workspaceId: true,
      name: true,
      dueAt: true,
      escalatedAt: true,
      items: {
        where: { decision: null },
        orderBy: { key: 'asc' },
        select: { id: true, label: true, ownerEmail: true, ownerIsUser: true, reviewerId: true, reviewerLabel: true },
      },
      notices: { select: { kind: true, subject: true } },
    },
  });
  const notices: Notice[] = [];
  for (const c of running) {
    const sent = new Set(c.notices.map((n) => `${n.kind}:${n.subject}`));
    const base = { campaignId: c.id, workspaceId: c.workspaceId };
    for (const i of c.items) {
      if (!i.ownerEmail || i.ownerIsUser || sent.has(`ask:${i.id}`)) continue;
      notices.push({
        ...base,
        kind: 'ask',
        subject: i.id,
        recipient: i.ownerEmail,
        text:
          `Access review “${c.name}”: ${i.ownerEmail}, is ${i.label} still needed? ` +
          `Answer your GRC team by ${day(c.dueAt)} (keep, revoke, or reassign to whom, and why).`,
      });
    }
    const overdue = c.dueAt.getTime() <= now.getTime();
    if (!overdue && c.dueAt.getTime() - now.getTime() <= REMIND_DAYS * DAY) {
      const pending = new Map<string, { label: string; count: number }>();
      for (const i of c.items) {
        const p = pending.get(i.reviewerId) ?? { label: i.reviewerLabel, count: 0 };
        pending.set(i.reviewerId, { ...p, count: p.count + 1 });
      }
      for (const [id, p] of pending) {
        if (sent.has(`remind:${id}`)) continue;
        notices.push({
          ...base,
          kind: 'remind',
          subject: id,
          recipient: p.label,
          text: `Access review “${c.name}”: ${p.label} has ${p.count} item(s) to decide by ${day(c.dueAt)}.`,
        });
      }
    }
    if (overdue && c.items.length > 0 && !sent.has('escalate:campaign')) {
      const behind = [...new Set(c.items.map((i) => i.reviewerLabel))].sort();
      notices.push({
        ...base,
        kind: 'escalate',
        subject: 'campaign',
        recipient: 'grc',
        text:
          `Access review “${c.name}” is overdue since ${day(c.dueAt)}: ` +
          `${c.items.length} item(s) undecided (${behind.join(', ')}).`,
      });
    }
  }
  let delivered = 0;
  for (const n of notices) {
    const delivery = await post(db, secretKey, n, options);
    if (delivery === 'sent') delivered++;
    await db.$transaction(async (tx) => {
      await tx.campaignNotice.create({ data: { ...withoutWorkspace(n), delivery, sentAt: now } });
      if (n.kind === 'escalate') await tx.campaign.update({ where: { id: n.campaignId }, data: { escalatedAt: now } });
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: `campaign.${n.kind}`,
        targetType: 'campaign',
        targetId: n.campaignId,
        workspaceId: n.workspaceId,
        at: now,
        diff: { recipient: n.recipient, subject: n.subject, delivery },
      });
    });
  }
  return { notices: notices.length, sent: delivered };
}

function withoutWorkspace({ workspaceId: _ws, ...rest }: Notice) {
  return rest;
}

async function post(db: Db, secretKey: string, n: Notice, options: Options): Promise<string> {
  const link = options.appUrl
    ? ` <${options.appUrl.replace(/\/$/, '')}/campaigns/${n.campaignId}|Open in Tollgate>`
    : '';
  // The alert channel (a webhook subscription), sent through the send-time address checks (lib/webhooks).
  return postToAlertChannel(db, secretKey, n.workspaceId, n.text + link);
}
