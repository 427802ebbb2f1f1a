// One Compliance Logs record (JSONL line), checked and normalised; pure. The fields every record must have
// are checked here — event_id, type, timestamp, principal — and everything else is kept as sent: unknown
// types and event types are stored and counted, never dropped.
export type LogEvent = {
  eventId: string;
  /** CUSTOM_AGENTS_LOG, AUDIT_LOG, AUTH_LOG, APP_LOG, … as sent. */
  type: string;
  /** UTC, always six fractional digits ("2026-03-03T20:40:00.000000Z"): sorts as text, keeps microseconds. */
  timestamp: string;
  principalId: string;
  principalType: string | null;
  /** event_type (CUSTOM_AGENTS_LOG and most types) or action (AUDIT_LOG), when present. */
  eventType: string | null;
  record: Record<string, unknown>;
};

/** The agent a record is about (workspace-agent events), for indexing; null for other records. */
export function agentIdOf(record: Record<string, unknown>): string | null {
  const details = record.event_details as { agent_id?: unknown } | undefined;
  return details && typeof details.agent_id === 'string' ? details.agent_id : null;
}

/** The person behind a record, when the actor is a user (ACCOUNT_USER) or an agent's delegator. */
export function actorEmailOf(record: Record<string, unknown>): string | null {
  const actor = record.actor as
    | { user_email?: unknown; agent_runtime?: { delegator?: { user_email?: unknown } } }
    | undefined;
  const email = actor?.user_email ?? actor?.agent_runtime?.delegator?.user_email;
  return typeof email === 'string' ? email.toLowerCase() : null;
}

export type LineResult = { ok: true; event: LogEvent } | { ok: false; reason: string };

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

export function parseLogLine(text: string): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not a JSON object' };
  // Everything after this line (content splitting, JSON.stringify, PostgreSQL) recurses: refuse deep records here.
  if (nestedDeeperThan(text, value, MAX_DEPTH))
    return { ok: false, reason: `nested more than ${MAX_DEPTH} levels deep` };
  // PostgreSQL's jsonb cannot hold a NUL character: say so rather than fail the whole batch.
  if (text.includes('\\u0000') && containsNul(value))
    return { ok: false, reason: 'contains a NUL character (\\u0000), which cannot be stored' };
  const record = value as Record<string, unknown>;
  const eventId = record.event_id;
  if (eventId === undefined) return { ok: false, reason: 'missing event_id' };
  if (typeof eventId !== 'string' || eventId.trim() === '')
    return { ok: false, reason: 'event_id must be a non-empty string' };
  const type = record.type;
  if (type === undefined) return { ok: false, reason: 'missing type' };
  if (typeof type !== 'string' || type.trim() === '') return { ok: false, reason: 'type must be a non-empty string' };
  if (record.timestamp === undefined) return { ok: false, reason: 'missing timestamp' };
  const timestamp = typeof record.timestamp === 'string' ? normaliseTimestamp(record.timestamp) : null;
  if (timestamp === null)
    return {
      ok: false,
      reason: `timestamp must be an ISO 8601 date-time with a zone, got ${JSON.stringify(record.timestamp)}`,
    };
  const principal = record.principal;
  if (
    typeof principal !== 'object' ||
    principal === null ||
    typeof (principal as { id?: unknown }).id !== 'string' ||
    (principal as { id: string }).id === ''
  ) {
    return { ok: false, reason: 'principal.id must be a non-empty string' };
  }
  const principalType = (principal as { type?: unknown }).type;
  const eventType =
    typeof record.event_type === 'string'
      ? record.event_type
      : typeof record.action === 'string'
        ? record.action
        : null;
  return {
    ok: true,
    event: {
      eventId,
      type,
      timestamp,
      principalId: (principal as { id: string }).id,
      principalType: typeof principalType === 'string' ? principalType : null,
      eventType,
      record,
    },
  };
}

/** ISO 8601 with a zone → UTC with six fractional digits; null when it is not one. */
export function normaliseTimestamp(text: string): string | null {
  // The platform's own form (UTC, microseconds) is already normal: only check it is a real date.
  if (CANONICAL.test(text)) return realDateTime(text.slice(0, 19)) ? text : null;
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, base, fraction = '', zone] = match;
  if (!realDateTime(base!)) return null;
  const ms = Date.parse(`${base}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 23)}${fraction.padEnd(6, '0').slice(3, 6)}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DDTHH:MM:SS (digits already checked) names a real moment: Date.parse would take 2026-02-30 for March 2nd. */
function realDateTime(base: string): boolean {
  // Digit by digit: this runs once per stored event, and slices with Number() cost the ingester measurably.
  const year = number(base, 0, 4);
  const month = number(base, 5, 7);
  const day = number(base, 8, 10);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0) &&
    number(base, 11, 13) < 24 &&
    number(base, 14, 16) < 60 &&
    number(base, 17, 19) < 60
  );
}

/** The decimal number the digits from..to (already checked) write. */
function number(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** Event order for derived state: timestamp, then event_id (so late and out-of-order files agree). */
export function compareEvents(
  a: Pick<LogEvent, 'timestamp' | 'eventId'>,
  b: Pick<LogEvent, 'timestamp' | 'eventId'>,
): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** Records nest a few levels; far more than any real one, far less than what exhausts a stack. */
export const MAX_DEPTH = 64;

/** Whether the parsed value nests deeper than `max` (the root object is level 1); without recursion. */
function nestedDeeperThan(text: string, value: object, max: number): boolean {
  // Cheap first: fewer opening brackets than the limit cannot nest deeper than it.
  let brackets = 0;
  for (let i = text.indexOf('{'); i !== -1 && brackets <= max; i = text.indexOf('{', i + 1)) brackets++;
  for (let i = text.indexOf('['); i !== -1 && brackets <= max; i = text.indexOf('[', i + 1)) brackets++;
  if (brackets <= max) return false;
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > max) return true;
    for (const child of Object.values(node as object))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A NUL character in any string or key; without recursion (depth is already bounded, but a stack is cheap). */
function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return true;
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}
