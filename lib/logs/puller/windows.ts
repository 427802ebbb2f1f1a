// Gaps in the puller's windows, pure. Each page the puller reads covers [after, until) of one log type;
// successive pages should join — each `after` the previous `until` — and pulls should follow each other
// within the platform's 30-minute p99. A window that starts later than the last one ended (a moved or
// reset cursor) leaves events unread; a long silence between pulls leaves the log type stale.

export type PullWindowRow = {
  logType: string;
  after: string | null;
  until: string | null;
  pulledAt: Date;
  files: number;
  inserted: number;
};

export type WindowGap =
  | { logType: string; kind: 'unread'; from: string; to: string; at: Date }
  | { logType: string; kind: 'silence'; from: Date; to: Date; minutes: number };

export const SILENCE_AFTER_MS = 30 * 60 * 1000;

/** `windows` of any order and types; gaps come back newest first. `now` closes a silence still going on. */
export function windowGaps(windows: PullWindowRow[], now: Date): WindowGap[] {
  const gaps: WindowGap[] = [];
  const byType = new Map<string, PullWindowRow[]>();
  for (const w of windows) byType.set(w.logType, [...(byType.get(w.logType) ?? []), w]);
  for (const [logType, rows] of byType) {
    rows.sort((a, b) => a.pulledAt.getTime() - b.pulledAt.getTime());
    let cursor: string | null = null;
    let previous: PullWindowRow | null = null;
    for (const w of rows) {
      if (cursor !== null && w.after !== null && Date.parse(w.after) > Date.parse(cursor))
        gaps.push({ logType, kind: 'unread', from: cursor, to: w.after, at: w.pulledAt });
      if (previous) silence(gaps, logType, previous.pulledAt, w.pulledAt);
      if (w.until !== null) cursor = w.until;
      previous = w;
    }
    if (previous) silence(gaps, logType, previous.pulledAt, now);
  }
  return gaps.sort((a, b) => gapEnd(b) - gapEnd(a));
}

function silence(gaps: WindowGap[], logType: string, from: Date, to: Date) {
  const ms = to.getTime() - from.getTime();
  if (ms > SILENCE_AFTER_MS) gaps.push({ logType, kind: 'silence', from, to, minutes: Math.round(ms / 60000) });
}

function gapEnd(g: WindowGap): number {
  return g.kind === 'unread' ? g.at.getTime() : g.to.getTime();
}
