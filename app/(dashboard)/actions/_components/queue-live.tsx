'use client';
// The queue while a released batch is being sent: how many wait, go and were answered, refreshed every few seconds
// (a live region a screen reader announces politely). When nothing waits any more the page itself is refreshed, so
// the table below shows the answers.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { KIND_LABELS, ROUTE_LIMIT_PER_MINUTE, type ActionKind } from '@/lib/platform/kinds.ts';

export type QueueItem = {
  key: string;
  batchId: string | null;
  kind: ActionKind;
  approvedBy: string | null;
  total: number;
  queued: number;
  sending: number;
  answered: number;
  failed: number;
  nextAttemptAt: string | null;
};

const POLL_MS = 5_000;
const n = (v: number) => v.toLocaleString('en');

function line(q: QueueItem): string {
  const left = q.queued + q.sending;
  const minutes = Math.ceil(left / ROUTE_LIMIT_PER_MINUTE);
  const who = q.approvedBy ? `, approved by ${q.approvedBy}` : '';
  return (
    `${KIND_LABELS[q.kind] ?? q.kind} × ${n(q.total)}${who}: ${n(q.queued)} queued · ${n(q.sending)} sending · ` +
    `${n(q.answered)} answered${q.failed ? ` · ${n(q.failed)} failed` : ''}` +
    (left > ROUTE_LIMIT_PER_MINUTE
      ? ` — about ${n(minutes)} min left at the platform’s ${ROUTE_LIMIT_PER_MINUTE}/min`
      : '')
  );
}

export function QueueLive({
  workspaceId,
  batchId,
  initial,
}: {
  workspaceId: string;
  batchId?: string;
  initial: QueueItem[];
}) {
  const router = useRouter();
  const [queue, setQueue] = useState(initial);
  const [stale, setStale] = useState(false);
  const moving = queue.length > 0;
  useEffect(() => {
    if (!moving) return;
    const query = new URLSearchParams({ ws: workspaceId, ...(batchId ? { batch: batchId } : {}) });
    const timer = setInterval(async () => {
      try {
        const res = await fetch(`/api/platform-actions/queue?${query}`, { cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        const next = ((await res.json()) as { queue: QueueItem[] }).queue;
        setStale(false);
        setQueue(next);
        if (next.length === 0) router.refresh();
      } catch {
        setStale(true);
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [moving, workspaceId, batchId, router]);

  return (
    <section className="panel queue-live" aria-labelledby="queue-title">
      <h2 id="queue-title">Being sent to the platform</h2>
      <div role="status" aria-live="polite">
        {moving ? (
          <ul className="plain-list">
            {queue.map((q) => (
              <li key={q.key}>{line(q)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing waits to be sent.</p>
        )}
      </div>
      {stale && <p className="small muted">Could not refresh; the figures above may be out of date.</p>}
    </section>
  );
}
