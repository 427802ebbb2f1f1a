// The Compliance Logs feed of the simulated platform, served exactly as the puller reads it
// (lib/logs/puller/client.ts): `GET …/logs?event_type=<log type>&after=<end time>&limit=…` →
// `{data: [{id, …}], has_more, last_end_time}`, and `GET …/logs/{id}` → a redirect to a signed URL serving the
// JSONL file. Each act of the simulator writes one file holding its one event; event times only move forward
// (a microsecond apart at least), so `after` = the last file's end time never skips nor repeats a file.
// The signed URL's answer carries the file's checksum as RFC 9530 `Repr-Digest` (lib/logs/puller/definition.ts): the
// simulator's choice of a standard header, since the platform's reference documents no checksum (decision 0039).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { MAX_PAGE_LIMIT } from '@/lib/gpts/platform/definition.ts';
import { normaliseTimestamp } from '@/lib/logs/event.ts';
import { reprDigest } from '@/lib/logs/puller/definition.ts';
import { COMPLIANCE_API_CLIENT_ID } from '@/lib/platform/kinds.ts';
import type { Json } from './source.ts';

export type LogFile = { id: string; logType: string; endTime: string; lines: Json[] };
export type LogFeed = {
  files: LogFile[];
  /** Writes one event the platform's Compliance API caused, as the platform would log it; returns the record. */
  record(logType: string, eventType: string, details: Json): Json;
  /** The list call: status and body. */
  list(query: URLSearchParams): { status: number; body: Json };
  /** Where `GET …/logs/{id}` redirects (a path with its signature), or null for an unknown file. */
  signedPath(id: string): string | null;
  /** The JSONL of a signed path's file and its checksum header, or null when the signature or the file is wrong. */
  open(id: string, signature: string | null): { text: string; headers: Record<string, string> } | null;
  /**
   * How the checksum of a file is served from now on: `absent` (none), `wrong` (of other bytes, as a platform that
   * corrupted or truncated the file would), or `right` (the default).
   */
  setChecksum(id: string, how: 'right' | 'wrong' | 'absent'): void;
};

export const SIGNED_LOGS_PATH = '/signed-logs';

/** `now`: the platform's clock (ms). */
export function createLogFeed(principal: string, now: () => number): LogFeed {
  const files: LogFile[] = [];
  const byId = new Map<string, LogFile>();
  const checksums = new Map<string, 'wrong' | 'absent'>();
  const secret = randomBytes(32);
  let lastMicros = 0;
  const sign = (id: string) => createHmac('sha256', secret).update(id).digest('base64url');

  /** UTC with six fractional digits, strictly after the previous event's time. */
  function nextTime(): string {
    lastMicros = Math.max(now() * 1000, lastMicros + 1);
    const ms = Math.floor(lastMicros / 1000);
    const micros = String(lastMicros % 1000).padStart(3, '0');
    return `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;
  }

  function record(logType: string, eventType: string, details: Json): Json {
    const timestamp = nextTime();
    const line: Json = {
      event_id: randomUUID(),
      type: logType,
      timestamp,
      principal: { id: principal, type: principal.startsWith('org-') ? 'CHATGPT_ORGANIZATION' : 'CHATGPT_WORKSPACE' },
      actor: { type: 'API_KEY', redacted_id: 'sk-...sim' },
      event_type: eventType,
      // The audit log names its events `action`; the others `event_type` (lib/logs/event.ts reads both).
      ...(logType === 'AUDIT_LOG' ? { action: eventType, action_result: 'SUCCESS' } : {}),
      client_id: COMPLIANCE_API_CLIENT_ID,
      workspace_id: principal,
      event_details: { detail_type: eventType, ...details },
    };
    const file = {
      id: `log-${files.length + 1}-${randomUUID().slice(0, 8)}`,
      logType,
      endTime: timestamp,
      lines: [line],
    };
    files.push(file);
    byId.set(file.id, file);
    return line;
  }

  function list(query: URLSearchParams) {
    const logType = query.get('event_type');
    const after = query.get('after');
    const limit = Number(query.get('limit') ?? 100);
    if (!logType) return { status: 400, body: { error: { message: 'event_type is required' } } };
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
      return { status: 400, body: { error: { message: `limit must be 1..${MAX_PAGE_LIMIT}` } } };
    const since = after === null ? null : normaliseTimestamp(after);
    if (after !== null && since === null)
      return { status: 400, body: { error: { message: 'after must be an ISO 8601 time with a zone' } } };
    const matching = files.filter((f) => f.logType === logType && (since === null || f.endTime > since));
    const page = matching.slice(0, limit);
    const body = {
      object: 'list',
      data: page.map((f) => ({ id: f.id, event_type: f.logType, end_time: f.endTime })),
      has_more: matching.length > limit,
      last_end_time: page.at(-1)?.endTime ?? null,
    };
    return { status: 200, body };
  }

  return {
    files,
    record,
    list,
    signedPath: (id) => (byId.has(id) ? `${SIGNED_LOGS_PATH}/${encodeURIComponent(id)}?sig=${sign(id)}` : null),
    open(id, signature) {
      const file = byId.get(id);
      if (!file || !signature) return null;
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const text = `${file.lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
      const how = checksums.get(id) ?? 'right';
      const headers: Record<string, string> = {};
      if (how !== 'absent') headers['repr-digest'] = reprDigest(how === 'wrong' ? `${text} ` : text);
      return { text, headers };
    },
    setChecksum(id, how) {
      if (how === 'right') checksums.delete(id);
      else checksums.set(id, how);
    },
  };
}
