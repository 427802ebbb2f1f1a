// A suspension's state and its timing verdict against the 15-minute target, readable without colour.
import { STATE_LABELS, type SuspensionState } from '@/lib/suspensions/queries.ts';
import { VERDICT_LABELS, type Verdict } from '@/lib/suspensions/timings.ts';

const STATE_CLASS: Record<SuspensionState, string> = {
  scheduled: 'state state-none',
  awaiting_confirmation: 'state state-exposed',
  suspended: 'state state-mitigated',
  restored: 'state state-none',
};

export function SuspensionStateBadge({ state }: { state: SuspensionState }) {
  return <span className={STATE_CLASS[state]}>{STATE_LABELS[state]}</span>;
}

const VERDICT_CLASS: Record<Verdict, string> = {
  scheduled: 'state state-none',
  running: 'badge',
  met: 'state state-mitigated',
  missed: 'state state-exposed',
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={VERDICT_CLASS[verdict]}>{VERDICT_LABELS[verdict]}</span>;
}

export function KindLabel({ kind }: { kind: string }) {
  return kind === 'drill' ? <span className="badge">drill</span> : <span>incident</span>;
}
