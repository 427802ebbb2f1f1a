// The store's rows and their COPY text: whatever a field holds, COPY reads back exactly the fields that went in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from './event.ts';
import { copyChunk, copyText, rowOf, type StoreRow } from './store-rows.ts';

/** COPY's text format read back as PostgreSQL reads it: tab-separated fields, \N for NULL, backslash escapes. */
function readCopyText(text: string): (string | null)[][] {
  const lines = text.split('\n');
  expect(lines.pop()).toBe(''); // every row ends with a newline
  const field = (f: string) =>
    f === '\\N' ? null : f.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r' })[c as 't'] ?? c);
  return lines.map((l) => l.split('\t').map(field));
}

const row = (over: Partial<StoreRow>): StoreRow => ({
  principalId: 'p',
  eventId: 'e',
  type: 'T',
  eventType: null,
  timestamp: '2026-01-01T00:00:00.000000Z',
  agentId: null,
  actorEmail: null,
  record: '{}',
  line: 1,
  content: [],
  ...over,
});

describe('store rows', () => {
  it('writes any text so that COPY reads back the same fields, NULLs included', () => {
    const text = fc.oneof(fc.constant(null), fc.string({ unit: 'binary' }), fc.constantFrom('\\N', '\t\n\r\\', ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), text, text, text), { maxLength: 20 }), (cases) => {
        const rows = cases.map(([eventId, eventType, agentId, record], i) =>
          row({ eventId, eventType, agentId, record: record ?? '', line: i + 1 }),
        );
        const read = readCopyText(copyText(rows, 'file\t1'));
        expect(read).toEqual(
          rows.map((r) => [
            r.principalId,
            r.eventId,
            r.type,
            r.eventType,
            r.timestamp,
            r.agentId,
            r.actorEmail,
            r.record,
            'file\t1',
            String(r.line),
          ]),
        );
      }),
    );
  });

  it('encodes a batch into the same bytes as its COPY text, however long its lines', () => {
    const text = fc.oneof(fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 3000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), text, text), { maxLength: 30 }), (cases) => {
        const rows = cases.map(([eventId, agentId, record], i) =>
          row({ eventId, agentId, record: record ?? '', line: i }),
        );
        expect(copyChunk(rows, 'f').equals(Buffer.from(copyText(rows, 'f')))).toBe(true);
      }),
    );
  });

  it('keeps the line itself as the record, or its metadata once content is split off', () => {
    const line = JSON.stringify({
      event_id: 'e1',
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: '2026-01-01T00:00:00Z',
      principal: { id: 'p1' },
      event_type: 'AGENT_RUN_MESSAGE',
      actor: { user_email: 'Ann@Example.com' },
      event_details: { agent_id: 'a1', text: 'private words' },
    });
    const parsed = parseLogLine(line);
    if (!parsed.ok) throw new Error(parsed.reason);
    const stored = rowOf(parsed.event, line, 7) as StoreRow;
    expect(stored).toMatchObject({ agentId: 'a1', actorEmail: 'ann@example.com', line: 7 });
    expect(stored.record).not.toContain('private words');
    expect(stored.content).toEqual([{ path: 'event_details.text', text: 'private words' }]);
    const plain = line.replace('AGENT_RUN_MESSAGE', 'CONNECTOR_CALL_REQUESTED');
    const other = parseLogLine(plain);
    if (!other.ok) throw new Error(other.reason);
    expect((rowOf(other.event, plain, 8) as StoreRow).record).toBe(plain);
  });
});
