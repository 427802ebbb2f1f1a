'use client';
// The suspension's clock in the page header: trigger → console confirmation against the 15-minute target.
// It ticks once a second while the console step is outstanding, and turns red once 15 minutes have passed.
// The first render uses the server's "now" so the HTML and the hydrated page agree; then the browser's clock.
import { useEffect, useState } from 'react';
import { formatDuration, suspensionTimings, TARGET_MINUTES } from '@/lib/suspensions/timings.ts';

type Props = {
  triggeredAt: string | null;
  evidenceAt: string | null;
  confirmedAt: string | null;
  serverNow: string;
  compact?: boolean;
  /** The suspension went through the Admin API: it is confirmed by the logs, not in the console. */
  viaPlatform?: boolean;
};

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export function SuspensionClock({ triggeredAt, evidenceAt, confirmedAt, serverNow, compact, viaPlatform }: Props) {
  const where = viaPlatform ? 'in the logs' : 'in the console';
  const [now, setNow] = useState(() => new Date(serverNow));
  const running = Boolean(triggeredAt && !confirmedAt);
  useEffect(() => {
    if (!running) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const t = suspensionTimings(
    { triggeredAt: date(triggeredAt), evidenceAt: date(evidenceAt), confirmedAt: date(confirmedAt) },
    now,
  );
  if (t.verdict === 'scheduled')
    return (
      <div className="suspension-clock">
        <span className="clock-label">Clock</span>
        <span className="clock-value">not started</span>
      </div>
    );
  const late = t.verdict === 'missed';
  const ms = t.totalMs ?? t.elapsedMs ?? 0;
  if (compact) {
    // One line for the agent page: the same clock, the same red.
    return (
      <span
        className={late ? 'clock-inline clock-late' : 'clock-inline'}
        role="timer"
        aria-label="Suspension clock"
        aria-live="off"
      >
        <strong className="clock-value" data-ms={ms}>
          {formatDuration(ms)}
        </strong>{' '}
        {running ? 'since the trigger' : viaPlatform ? 'to confirmation in the logs' : 'to console confirmation'}
        {late ? ` (over ${TARGET_MINUTES} minutes)` : ''}
      </span>
    );
  }
  return (
    <div
      className={
        late ? 'suspension-clock clock-late' : t.verdict === 'met' ? 'suspension-clock clock-met' : 'suspension-clock'
      }
      role="timer"
      aria-label="Suspension clock"
      aria-live="off"
    >
      <span className="clock-label">
        {running
          ? `Since the trigger, not yet confirmed ${where}`
          : viaPlatform
            ? 'Trigger to confirmation in the logs'
            : 'Trigger to console confirmation'}
      </span>
      <span className="clock-value" data-ms={ms}>
        {formatDuration(ms)}
      </span>
      <span className="clock-note">
        {running
          ? late
            ? viaPlatform
              ? `Over the ${TARGET_MINUTES}-minute target: check the agent in the admin console now.`
              : `Over the ${TARGET_MINUTES}-minute target: confirm the suspension in the console now.`
            : `Target: under ${TARGET_MINUTES} minutes.`
          : late
            ? `Missed the ${TARGET_MINUTES}-minute target.`
            : `Met the ${TARGET_MINUTES}-minute target.`}
      </span>
    </div>
  );
}
