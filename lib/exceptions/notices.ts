// The daily notice about CAB exceptions: each approved exception is announced once when its review date
// comes within 14 days, and once when it has passed (its findings are open again — computed on read, so the
// notice only tells people). Sent to the workspace's alert webhook when there is one, and always written to
// the audit log.
import { SYSTEM_ACTOR, recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { open } from '@/lib/runtime/secret-box.ts';
import { WEBHOOK_PURPOSE } from '@/lib/alerts/notify.ts';

const DAY = 86_400_000;

export async function sendExceptionNotices(
  db: Db,
  secretKey: string,
  options: { now?: Date; appUrl?: string; fetch?: typeof fetch } = {},
) {
  const now = options.now ?? new Date();
  const send = options.fetch ?? fetch;
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
    const hook = await db.alertWebhook.findUnique({ where: { workspaceId: e.workspaceId } });
    let delivery = 'no webhook configured';
    if (hook?.enabled) {
      try {
        const link = options.appUrl
          ? ` <${options.appUrl.replace(/\/$/, '')}/exceptions/${e.id}|Open in Tollgate>`
          : '';
        const response = await send(open(secretKey, WEBHOOK_PURPOSE, hook.urlCiphertext), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: text + link }),
          redirect: 'error',
          signal: AbortSignal.timeout(10_000),
        });
        delivery = response.ok ? 'sent' : `HTTP ${response.status}`;
        if (response.ok) sent++;
      } catch (error) {
        delivery = (error as Error).message;
      }
    }
    await db.$transaction(async (tx) => {
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
