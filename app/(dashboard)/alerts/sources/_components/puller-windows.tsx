import { formatUtc } from '@/lib/format.ts';
import type { WindowGap } from '@/lib/logs/puller/windows.ts';

type Window = {
  logType: string;
  after: string | null;
  until: string | null;
  pulledAt: Date;
  files: number;
  inserted: number;
};

function duration(minutes: number): string {
  return minutes < 120
    ? `${minutes} min`
    : minutes < 48 * 60
      ? `${Math.round(minutes / 60)} h`
      : `${Math.round(minutes / 1440)} days`;
}

/** The puller's windows of the last 14 days: gaps first (unread time, long silences), then the latest pages read. */
export function PullerWindows({ windows, gaps }: { windows: Window[]; gaps: WindowGap[] }) {
  return (
    <section className="panel" aria-labelledby="windows-title">
      <h2 id="windows-title">Puller windows</h2>
      <p className="small muted">
        Each page the puller reads covers a window of one log type, from its cursor to the page’s last end time. Windows
        should join, and pulls follow each other within 30 minutes (the platform’s p99 delivery).
      </p>
      {gaps.length === 0 ? (
        <p className="small">
          <span className="state state-mitigated">No gaps</span> in the last 14 days.
        </p>
      ) : (
        <table className="table">
          <caption className="small">
            {gaps.length} gap{gaps.length === 1 ? '' : 's'} in the last 14 days
          </caption>
          <thead>
            <tr>
              <th>Log type</th>
              <th>Gap</th>
              <th>From (UTC)</th>
              <th>To (UTC)</th>
              <th>What it means</th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((g, i) => (
              <tr key={i}>
                <td>
                  <code>{g.logType}</code>
                </td>
                {g.kind === 'unread' ? (
                  <>
                    <td>
                      <span className="state state-exposed">Unread time</span>
                    </td>
                    <td className="nowrap">{g.from}</td>
                    <td className="nowrap">{g.to}</td>
                    <td className="small">
                      A window started after the previous one ended (the cursor was moved or reset at {formatUtc(g.at)}
                      ): events of this interval were never read. Re-ingest them with an upload or{' '}
                      <code>tollgate ingest</code>.
                    </td>
                  </>
                ) : (
                  <>
                    <td>
                      <span className="state state-exposed">No pull for {duration(g.minutes)}</span>
                    </td>
                    <td className="nowrap">{formatUtc(g.from)}</td>
                    <td className="nowrap">{formatUtc(g.to)}</td>
                    <td className="small">
                      No successful pull for over 30 minutes: the log type was stale meanwhile. The cursor kept its
                      place, so the next pull reads what was delivered.
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {windows.length > 0 && (
        <details>
          <summary className="small">Latest windows read</summary>
          <table className="table">
            <thead>
              <tr>
                <th>Pulled (UTC)</th>
                <th>Log type</th>
                <th>After</th>
                <th>Until</th>
                <th className="num">Files</th>
                <th className="num">New events</th>
              </tr>
            </thead>
            <tbody>
              {windows.slice(0, 20).map((w, i) => (
                <tr key={i}>
                  <td className="nowrap">{formatUtc(w.pulledAt)}</td>
                  <td>
                    <code>{w.logType}</code>
                  </td>
                  <td className="nowrap">{w.after ?? 'start'}</td>
                  <td className="nowrap">{w.until ?? 'empty page (cursor kept)'}</td>
                  <td className="num">{w.files}</td>
                  <td className="num">{w.inserted.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
