import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import {
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  updateWebhookAction,
} from '@/lib/webhooks/actions.ts';
import { deliveryLog, getSubscription } from '@/lib/webhooks/queries.ts';
import { WebhookDeliveriesTable } from '../_components/deliveries-table.tsx';
import { SecretOnceForm } from '../_components/secret-once.tsx';
import { SubscriptionFields } from '../_components/subscription-fields.tsx';
import '../webhooks.css';

export const metadata: Metadata = { title: 'Webhook subscription' };

export default async function WebhookPage({ params }: { params: Promise<{ subscriptionId: string }> }) {
  const { actor, db, workspace } = await workspacePage('settings:read');
  const { subscriptionId } = await params;
  if (!workspace || !/^[0-9a-f-]{36}$/.test(subscriptionId)) notFound();
  const sub = await getSubscription(db, workspace.id, subscriptionId);
  if (!sub) notFound();
  const admin = can(actor.roles, 'settings:write');
  const log = await deliveryLog(db, sub.id);
  const hidden = (
    <>
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <input type="hidden" name="subscriptionId" value={sub.id} />
    </>
  );
  return (
    <>
      <PageHeader title={`Webhook to ${sub.urlHost}`} description={sub.description || 'No description.'} />
      <p>
        <Link href="/settings/webhooks">← Webhooks</Link>
      </p>
      <section className="panel" aria-labelledby="sub-h">
        <h2 id="sub-h">Subscription</h2>
        <dl className="facts">
          <dt>Destination</dt>
          <dd>
            <code>{sub.urlHost}</code> <span className="muted small">(the full URL is stored encrypted)</span>
          </dd>
          <dt>Events</dt>
          <dd>
            {sub.eventTypes.map((t) => (
              <code key={t}>{t} </code>
            ))}
            {sub.minSeverity && <span className="muted small"> — alerts at or above {sub.minSeverity}</span>}
          </dd>
          <dt>Format</dt>
          <dd>{sub.format === 'slack' ? 'Slack-compatible text' : 'Tollgate JSON envelope'}</dd>
          <dt>State</dt>
          <dd>{sub.enabled ? 'sending' : 'paused'}</dd>
          <dt>Signing secret</dt>
          <dd>
            {sub.hasSecret ? 'set (shown once when made)' : 'none yet: rotate to make one (deliveries go unsigned)'}
          </dd>
          <dt>Created</dt>
          <dd>
            {formatUtc(sub.createdAt)} by {sub.createdBy}; updated {formatUtc(sub.updatedAt)} by {sub.updatedBy}
          </dd>
        </dl>
        {admin && (
          <div className="webhook-actions">
            <ActionForm action={sendTestWebhookAction} label="Send a test event">
              {hidden}
              <button className="button" type="submit">
                Send test event
              </button>
            </ActionForm>
            <SecretOnceForm
              action={rotateWebhookSecretAction}
              label="Rotate the signing secret"
              submit="Rotate secret"
              primary={false}
            >
              {hidden}
            </SecretOnceForm>
            <ActionForm action={deleteWebhookAction} label="Delete this subscription">
              {hidden}
              <button className="button button-danger" type="submit">
                Delete subscription
              </button>
            </ActionForm>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="log-h">
        <h2 id="log-h">Delivery log</h2>
        {log.length === 0 ? (
          <p className="muted">Nothing sent yet.</p>
        ) : (
          <WebhookDeliveriesTable
            manage={admin ? { workspaceId: workspace.id, subscriptionId: sub.id } : null}
            rows={log.map((d) => ({
              id: d.id,
              created: formatUtc(d.createdAt),
              event: d.event.type,
              subjectId: d.event.subjectId,
              status: d.status,
              attempts: d.attempts,
              lastStatus: d.lastStatus,
              lastError: d.lastError ?? '',
              lastAttempt: d.lastAttemptAt ? formatUtc(d.lastAttemptAt) : '',
              durationMs: d.lastDurationMs,
              next: d.status === 'pending' ? formatUtc(d.nextAttemptAt) : '',
            }))}
          />
        )}
      </section>
      {admin && (
        <section className="panel" aria-labelledby="edit-h">
          <h2 id="edit-h">Change</h2>
          <ActionForm action={updateWebhookAction} className="source-form" label="Change this subscription">
            {hidden}
            <SubscriptionFields values={{ ...sub, host: sub.urlHost }} />
            <div>
              <button className="button button-primary" type="submit">
                Save
              </button>
            </div>
          </ActionForm>
        </section>
      )}
    </>
  );
}
