import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/permissions.ts';
import { formatUtc } from '@/lib/format.ts';
import { workspacePage } from '@/lib/http/workspace-page.ts';
import { privateDestinationsAllowed } from '@/lib/webhooks/address.ts';
import { createWebhookAction } from '@/lib/webhooks/actions.ts';
import { listSubscriptions } from '@/lib/webhooks/queries.ts';
import { SecretOnceForm } from './_components/secret-once.tsx';
import { NEW_SUBSCRIPTION, SubscriptionFields } from './_components/subscription-fields.tsx';
import { SubscriptionsTable } from './_components/subscriptions-table.tsx';
import './webhooks.css';

export const metadata: Metadata = { title: 'Webhooks' };

const HOW =
  'Each event is POSTed to every subscription that asked for it, signed (Tollgate-Signature), retried with ' +
  'back-off for about four hours, and logged per subscription.';

export default async function WebhooksPage() {
  const { actor, db, workspace } = await workspacePage('settings:read');
  if (!workspace)
    return <PageHeader title="Webhooks" description="No workspace yet. An administrator adds one in Settings." />;
  const admin = can(actor.roles, 'settings:write');
  const subscriptions = await listSubscriptions(db, workspace.id);
  return (
    <>
      <PageHeader title="Webhooks" description={`Events of ${workspace.name} sent to your receivers. ${HOW}`} />
      <p>
        <Link href="/settings">← Settings</Link> · <Link href="/alerts">Alerts → Notifications</Link> (the Slack alert
        webhook is one of these subscriptions)
      </p>
      <section className="panel" aria-labelledby="subs-h">
        <h2 id="subs-h">Subscriptions</h2>
        {subscriptions.length === 0 ? (
          <p className="muted">No subscription yet: events are only shown in Tollgate.</p>
        ) : (
          <SubscriptionsTable
            rows={subscriptions.map((s) => ({
              id: s.id,
              host: s.urlHost,
              description: s.description,
              format: s.format,
              eventTypes: s.eventTypes,
              minSeverity: s.minSeverity,
              enabled: s.enabled,
              failed: s.failed,
              updated: `${formatUtc(s.updatedAt)} · ${s.updatedBy}`,
            }))}
          />
        )}
      </section>
      {admin && (
        <section className="panel" aria-labelledby="add-h">
          <h2 id="add-h">Add a subscription</h2>
          <SecretOnceForm
            action={createWebhookAction}
            label="Add a webhook subscription"
            submit="Add subscription"
            className="source-form"
          >
            <input type="hidden" name="workspaceId" value={workspace.id} />
            <SubscriptionFields values={NEW_SUBSCRIPTION} />
          </SecretOnceForm>
        </section>
      )}
      <section className="panel" aria-labelledby="recv-h">
        <h2 id="recv-h">Receiving</h2>
        <dl className="facts">
          <dt>Headers</dt>
          <dd>
            <code>Tollgate-Event</code>, <code>Tollgate-Delivery</code> (the same id on a redelivery: use it to drop
            duplicates), <code>Tollgate-Signature: t=…,v1=…</code> (HMAC-SHA256 of <code>t.body</code> with the
            subscription's secret; refuse a <code>t</code> more than 5 minutes away).
          </dd>
          <dt>Destinations</dt>
          <dd>
            https only. Private, loopback and link-local addresses are refused when sending, after resolving the name
            {privateDestinationsAllowed()
              ? ' — allowed on this install (TOLLGATE_WEBHOOK_ALLOW_PRIVATE=1), and http to loopback too.'
              : ' (an install may allow them for on-premises receivers: TOLLGATE_WEBHOOK_ALLOW_PRIVATE=1).'}{' '}
            Redirects are not followed.
          </dd>
        </dl>
      </section>
    </>
  );
}
