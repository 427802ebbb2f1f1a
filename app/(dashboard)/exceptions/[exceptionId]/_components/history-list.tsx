// Every version of the exception (RecordVersion), oldest first: what its state was at each change.
import { formatUtc } from '@/lib/format.ts';

type Version = { at: Date; data: unknown };
type Data = {
  status?: string;
  decidedBy?: string | null;
  revokedBy?: string | null;
  requestedBy?: string;
  reviewAt?: string;
  attachments?: unknown[];
};

function describeVersion(d: Data, previous: Data | null): string {
  const reviewAt = d.reviewAt ? formatUtc(new Date(d.reviewAt)) : '—';
  if (!previous) return `Requested by ${d.requestedBy ?? 'someone'}, review date proposed ${reviewAt}`;
  if (d.status !== previous.status) {
    if (d.status === 'approved') return `Approved by ${d.decidedBy}, review date ${reviewAt}`;
    if (d.status === 'rejected') return `Rejected by ${d.decidedBy}`;
    if (d.status === 'revoked') return `Revoked by ${d.revokedBy}`;
    return `Now ${d.status}`;
  }
  if ((d.attachments?.length ?? 0) > (previous.attachments?.length ?? 0)) return 'Evidence added';
  return 'Changed';
}

export function HistoryList({ versions }: { versions: Version[] }) {
  return (
    <ol className="timeline">
      {versions.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an append-only history in order; its place is its identity
        <li key={i}>
          <span>{describeVersion(v.data as Data, i > 0 ? (versions[i - 1]!.data as Data) : null)}</span>
          <span className="small muted">{formatUtc(v.at)}</span>
        </li>
      ))}
    </ol>
  );
}
