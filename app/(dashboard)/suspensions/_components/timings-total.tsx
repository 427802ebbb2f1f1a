// The total row under the timings table: the verdict against 15 minutes and the total once confirmed.
import { TARGET_MINUTES, formatDuration, type Timings } from '@/lib/suspensions/timings.ts';
import { VerdictBadge } from './badges.tsx';

export function TimingsTotal({ timings }: { timings: Timings }) {
  return (
    <tr>
      <td>
        <strong>Total</strong> (target under {TARGET_MINUTES} minutes)
      </td>
      <td colSpan={2}>
        <VerdictBadge verdict={timings.verdict} />
      </td>
      <td className="num">
        {/* A running total is the clock in the page header, which ticks; a figure here would stand still. */}
        {timings.totalMs !== null ? (
          formatDuration(timings.totalMs)
        ) : timings.elapsedMs !== null ? (
          <span className="muted">running (clock above)</span>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
