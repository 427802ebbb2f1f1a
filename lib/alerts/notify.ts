// Outgoing alert notifications: new alerts at or above the workspace's chosen severity are queued in the
// same transaction that raises them, then POSTed as Slack-compatible JSON ({"text": …}) to the webhook.
// A failure is retried with exponential back-off (1, 2, 4 … 60 minutes); after the last attempt the
// delivery is marked failed, and every error stays visible on the Alerts page.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db, Tx } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { open, seal } from '@/lib/runtime/secret-box.ts';
import { SEVERITIES } from './filter.ts';

export const WEBHOOK_PURPOSE = 'alert-webhook-url';
export const MAX_ATTEMPTS = 8;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const rank = (severity: string) => SEVERITIES.length - (SEVERITIES as readonly string[]).indexOf(severity);

export function checkWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('unprocessable', 'The webhook URL is not a URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new AppError('unprocessable', 'The webhook URL must be https.');
  return url;
}

export async function saveWebhook(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { url?: string; minSeverity: string; enabled: boolean },
  secretKey: string,
) {
  if (!(SEVERITIES as readonly string[]).includes(input.minSeverity))
    throw new AppError('unprocessable', `Minimum severity must be one of ${SEVERITIES.join(', ')}.`);
  const url = input.url?.trim() ? checkWebhookUrl(input.url.trim()) : null;
  await db.$transaction(async (tx) => {
    const existing = await tx.alertWebhook.findUnique({ where: { workspaceId } });
    if (!existing && !url) throw new AppError('unprocessable', 'The webhook URL is required.');
    const data = {
      minSeverity: input.minSeverity,
      enabled: input.enabled,
      updatedBy: actor.label,
      updatedAt: new Date(),
      ...(url ? { urlCiphertext: seal(secretKey, WEBHOOK_PURPOSE, url.href), urlHost: url.host } : {}),
    };
    await tx.alertWebhook.upsert({
      where: { workspaceId },
      create: { workspaceId, urlCiphertext: '', urlHost: '', ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: existing ? 'alerts.webhook.update' : 'alerts.webhook.create',
      targetType: 'alert_webhook',
      targetId: workspaceId,
      workspaceId,
      diff: {
        host: url?.host ?? existing?.urlHost,
        minSeverity: input.minSeverity,
        enabled: input.enabled,
        urlChanged: Boolean(url),
      },
    });
  });
}

/** Queues deliveries for new alerts (call inside the transaction that creates them). */
export async function queueDeliveries(
  tx: Tx,
  workspaceId: string,
  alerts: { key: string; severity: string }[],
  now: Date,
) {
  if (alerts.length === 0) return 0;
  const hook = await tx.alertWebhook.findUnique({
    where: { workspaceId },
    select: { enabled: true, minSeverity: true },
  });
  if (!hook?.enabled) return 0;
  const keys = alerts.filter((a) => rank(a.severity) >= rank(hook.minSeverity)).map((a) => a.key);
  if (keys.length === 0) return 0;
  const rows = await tx.alert.findMany({ where: { workspaceId, key: { in: keys } }, select: { id: true } });
  const { count } = await tx.alertDelivery.createMany({
    data: rows.map((r) => ({ workspaceId, alertId: r.id, nextAttemptAt: now })),
    skipDuplicates: true,
  });
  return count;
}

/** Sends every due delivery once; returns what happened. `appUrl` links the message to the alert. */
export async function deliverDue(
  db: Db,
  secretKey: string,
  options: { appUrl?: string; now?: () => Date; fetch?: typeof fetch } = {},
) {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? fetch;
  const due = await db.alertDelivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now() } },
    orderBy: { id: 'asc' },
    take: 100,
  });
  const outcome = { sent: 0, retried: 0, failed: 0 };
  for (const delivery of due) {
    const [alert, hook] = await Promise.all([
      db.alert.findUniqueOrThrow({
        where: { id: delivery.alertId },
        select: { id: true, title: true, message: true, severity: true, agentId: true, at: true },
      }),
      db.alertWebhook.findUnique({ where: { workspaceId: delivery.workspaceId } }),
    ]);
    let error: string | null = null;
    if (!hook?.enabled) error = 'the webhook is disabled or removed';
    else {
      try {
        const link = options.appUrl
          ? ` <${options.appUrl.replace(/\/$/, '')}/alerts/${alert.id}|Open in Tollgate>`
          : '';
        const response = await send(open(secretKey, WEBHOOK_PURPOSE, hook.urlCiphertext), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: `[${alert.severity.toUpperCase()}] ${alert.title}: ${alert.message}${link}` }),
          redirect: 'error',
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok)
          error = `HTTP ${response.status}${(await response.text()).slice(0, 120).replace(/^(.)/, ': $1')}`;
      } catch (failure) {
        error = (failure as Error).message;
      }
    }
    const attempts = delivery.attempts + 1;
    if (error === null) {
      await db.alertDelivery.update({
        where: { id: delivery.id },
        data: { status: 'sent', attempts, sentAt: now(), lastError: null },
      });
      outcome.sent++;
    } else if (attempts >= MAX_ATTEMPTS || !hook?.enabled) {
      await db.alertDelivery.update({
        where: { id: delivery.id },
        data: { status: 'failed', attempts, lastError: error },
      });
      outcome.failed++;
    } else {
      const backoff = Math.min(60, 2 ** (attempts - 1)) * 60_000;
      await db.alertDelivery.update({
        where: { id: delivery.id },
        data: { attempts, lastError: error, nextAttemptAt: new Date(now().getTime() + backoff) },
      });
      outcome.retried++;
    }
  }
  return outcome;
}
