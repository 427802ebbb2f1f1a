// An action's status in words with a colour that only repeats them (readable without colour).
import { type ActionStatus, STATUS_LABELS } from '@/lib/platform/kinds.ts';

const CLASS: Record<ActionStatus, string> = {
  awaiting_approval: 'badge',
  queued: 'state state-none',
  sending: 'state state-none',
  answered: 'state state-accepted',
  confirmed: 'state state-mitigated',
  not_seen: 'state state-exposed',
  failed: 'state state-exposed',
  declined: 'state state-none',
  expired: 'state state-none',
  dry_run: 'state state-none',
};

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  return <span className={CLASS[status]}>{STATUS_LABELS[status]}</span>;
}
