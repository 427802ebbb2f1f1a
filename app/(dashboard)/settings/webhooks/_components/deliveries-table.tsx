'use client';
// A subscription's delivery log, newest first: status, attempts, last HTTP status and error, timings, and
// Redeliver (the same payload under the same delivery id) for those who manage webhooks.
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table.tsx';
import { ActionForm } from '@/components/ui/action-form.tsx';
import { redeliverWebhookAction } from '@/lib/webhooks/actions.ts';

export type WebhookDeliveryRow = {
  id: string;
  created: string;
  event: string;
  subjectId: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string;
  lastAttempt: string;
  durationMs: number | null;
  /** Next attempt (UTC) of a pending delivery, else ''. */
  next: string;
};

const columns: DataColumn<WebhookDeliveryRow>[] = [
  {
    id: 'event',
    header: 'Event',
    hideable: false,
    cell: (d) => (
      <>
        <code>{d.event}</code>
        {d.event !== 'webhook.test' && <div className="muted small webhook-id">about {d.subjectId}</div>}
      </>
    ),
    csv: (d) => `${d.event} ${d.subjectId}`,
  },
  {
    id: 'delivery',
    header: 'Delivery id · queued (UTC)',
    cell: (d) => (
      <>
        <code className="small webhook-id">{d.id}</code>
        <div className="muted small nowrap">{d.created}</div>
      </>
    ),
    csv: (d) => `${d.id} ${d.created}`,
  },
  {
    id: 'status',
    header: 'Status · attempts · last HTTP',
    cell: (d) => (
      <>
        {d.status === 'failed' ? <span className="severity severity-high">failed</span> : d.status}
        <div className="small nowrap">
          {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
          {d.lastStatus !== null && ` · HTTP ${d.lastStatus}`}
        </div>
        {d.next && <div className="muted small nowrap">next {d.next}</div>}
      </>
    ),
    csv: (d) => [d.status, `${d.attempts} attempts`, d.lastStatus ?? '', d.next && `next ${d.next}`].join(' '),
  },
  {
    id: 'last',
    header: 'Last attempt (UTC) · error',
    cell: (d) =>
      d.lastAttempt ? (
        <>
          <span className="nowrap">{d.lastAttempt}</span>
          {d.durationMs !== null && <span className="muted small"> · {d.durationMs} ms</span>}
          {d.lastError && <div className="small webhook-error">{d.lastError}</div>}
        </>
      ) : (
        '—'
      ),
    csv: (d) => [d.lastAttempt, d.durationMs === null ? '' : `${d.durationMs} ms`, d.lastError].join(' '),
  },
];

function redeliverColumn(workspaceId: string, subscriptionId: string): DataColumn<WebhookDeliveryRow> {
  return {
    id: 'redeliver',
    header: 'Redeliver',
    headerHidden: true,
    hideable: false,
    cell: (d) => (
      <ActionForm action={redeliverWebhookAction} label={`Redeliver ${d.id}`}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <input type="hidden" name="deliveryId" value={d.id} />
        <button className="button button-small" type="submit">
          Redeliver
        </button>
      </ActionForm>
    ),
  };
}

export function WebhookDeliveriesTable({
  rows,
  manage,
}: {
  rows: WebhookDeliveryRow[];
  manage: { workspaceId: string; subscriptionId: string } | null;
}) {
  // Stable across the re-render after an action, so a row's Redeliver form keeps its answer on screen.
  const workspaceId = manage?.workspaceId;
  const subscriptionId = manage?.subscriptionId;
  const shown = useMemo(
    () => (workspaceId && subscriptionId ? [...columns, redeliverColumn(workspaceId, subscriptionId)] : columns),
    [workspaceId, subscriptionId],
  );
  return (
    <DataTable
      label="Deliveries"
      storageKey="webhook-deliveries"
      columns={shown}
      rows={rows}
      rowKey={(d) => d.id}
      csvName="webhook-deliveries"
    />
  );
}
