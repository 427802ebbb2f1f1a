// The daily notice about CAB exceptions: each approved exception is announced once when its review date
// comes within 14 days, and once when it has passed (its findings are open again — computed on read, so the
// notice only tells people). Queued as an exception.expiring webhook event (lib/webhooks), and always written to
// the audit log.
import { SYSTEM_ACTOR, recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { exceptionExpiringEvent } from '@/lib/webhooks/events.ts';
import { enqueueWebhookEvent } from '@/lib/webhooks/outbox.ts';

const DAY = 86_400_000;

export async function sendExceptionNotices(db: Db, _secretKey: string, options: { now?: Date; appUrl?: string } = {}) {
  const now = options.now ?? new Date();
  const due = await db.exception.findMany({
    where: {
      status: 'approved',
      OR: [
        { reviewNoticeAt: null, reviewAt: { lte: new Date(now.getTime() + 14 * DAY) } },
        { expiredNoticeAt: null, reviewAt: { lte: now } },
      ],
    },
    select: {
      id: true,
      workspaceId: true,
      title: true,
      reviewAt: true,
      findingKeys: true,
      reviewNoticeAt: true,
      expiredNoticeAt: true,
    },
  });
  let sent = 0;
  for (const e of due) {
    const expired = e.reviewAt.getTime() <= now.getTime();
    const text = expired
      ? `CAB exception "${e.title}" reached its review date ` +
        `${e.reviewAt.toISOString().slice(0, 10)}: it has expired and the ` +
        `${e.findingKeys.length} finding(s) it covered are open again.`
      : `CAB exception "${e.title}" reaches its review date on ` +
        `${e.reviewAt.toISOString().slice(0, 10)} (UTC): renew it with a new ` +
        `request, or fix what it covers.`;
    await db.$transaction(async (tx) => {
      // Queued with the notice itself (the outbox): the delivery job sends it to the subscriptions that want it.
      const queued = await enqueueWebhookEvent(tx, e.workspaceId, exceptionExpiringEvent(e, expired, text), now);
      const delivery = queued > 0 ? 'queued' : 'no webhook configured';
      if (queued > 0) sent++;
      await tx.exception.update({
        where: { id: e.id },
        data: expired ? { expiredNoticeAt: now, reviewNoticeAt: e.reviewNoticeAt ?? now } : { reviewNoticeAt: now },
      });
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: expired ? 'exception.expired_notice' : 'exception.review_notice',
        targetType: 'exception',
        targetId: e.id,
        workspaceId: e.workspaceId,
        diff: { reviewAt: e.reviewAt.toISOString(), delivery },
      });
    });
  }
  return { notices: due.length, sent };
}
