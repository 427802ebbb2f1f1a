// Trigger → evidence captured → confirmed in console, each step and the total against 15 minutes.
import { formatUtc } from '@/lib/format.ts';
import { formatDuration, TARGET_MINUTES, type Timings } from '@/lib/suspensions/timings.ts';
import { VerdictBadge } from './badges.tsx';
import { ScrollRegion } from '@/components/ui/scroll-region.tsx';

export function TimingsTable({ timings }: { timings: Timings }) {
  return (
    <ScrollRegion label="Timings">
      <table className="table">
        <thead>
          <tr>
            <th>Step</th>
            <th>From (UTC)</th>
            <th>To (UTC)</th>
            <th className="num">Took</th>
          </tr>
        </thead>
        <tbody>
          {timings.steps.map((s) => (
            <tr key={s.label}>
              <td>{s.label}</td>
              <td className="nowrap">{formatUtc(s.from)}</td>
              <td className="nowrap">{s.to ? formatUtc(s.to) : <span className="muted">not yet</span>}</td>
              <td className="num">{formatDuration(s.ms)}</td>
            </tr>
          ))}
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
        </tbody>
      </table>
    </ScrollRegion>
  );
}
