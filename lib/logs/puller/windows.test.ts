import { describe, expect, it } from 'vitest';
import { windowGaps, type PullWindowRow } from './windows.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 8, minute));
const w = (
  minute: number,
  after: string | null,
  until: string | null,
  logType = 'CUSTOM_AGENTS_LOG',
): PullWindowRow => ({ logType, after, until, pulledAt: at(minute), files: 1, inserted: 10 });

describe('windowGaps', () => {
  it('finds nothing when windows join and pulls come every 15 minutes', () => {
    const rows = [
      w(0, null, '2026-11-23T07:55:00Z'),
      w(15, '2026-11-23T07:55:00Z', '2026-11-23T08:10:00Z'),
      w(30, '2026-11-23T08:10:00Z', null),
      w(45, '2026-11-23T08:10:00Z', '2026-11-23T08:40:00Z'),
    ];
    expect(windowGaps(rows, at(50))).toEqual([]);
  });

  it('shows a window that starts after the last one ended as unread time', () => {
    const rows = [w(0, null, '2026-11-23T07:55:00Z'), w(15, '2026-11-23T08:05:00Z', '2026-11-23T08:10:00Z')];
    expect(windowGaps(rows, at(20))).toEqual([
      {
        logType: 'CUSTOM_AGENTS_LOG',
        kind: 'unread',
        from: '2026-11-23T07:55:00Z',
        to: '2026-11-23T08:05:00Z',
        at: at(15),
      },
    ]);
  });

  it('shows pulls more than 30 minutes apart, and a silence still going on, per log type', () => {
    const rows = [w(0, null, 'x', 'AUDIT_LOG'), w(40, null, null, 'AUDIT_LOG'), w(0, null, null), w(30, null, null)];
    expect(windowGaps(rows, at(59))).toEqual([
      { logType: 'AUDIT_LOG', kind: 'silence', from: at(0), to: at(40), minutes: 40 },
    ]);
    expect(windowGaps(rows, at(75)).map((g) => [g.logType, 'minutes' in g ? g.minutes : 0])).toEqual([
      ['AUDIT_LOG', 35],
      ['CUSTOM_AGENTS_LOG', 45],
      ['AUDIT_LOG', 40],
    ]);
  });
});
