import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normaliseTimestamp, parseLogLine } from './event.ts';
import { CorruptFileError, readLogFile, type ReadItem } from './reader.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../../test/fixtures/compliance-logs');

async function readAll(name: string, bytes: Buffer): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readLogFile(name, [bytes])) items.push(item);
  return items;
}

describe('Compliance Logs records', () => {
  it('reads the reference samples with nothing quarantined', async () => {
    for (const name of ['custom-agents-log.sample.jsonl', 'audit-log.sample.jsonl']) {
      const bytes = readFileSync(path.join(SAMPLES, name));
      const items = await readAll(name, bytes);
      expect(items.length).toBe(bytes.toString().trim().split('\n').length);
      expect(items.every((i) => 'event' in i)).toBe(true);
    }
  });

  it('quarantines bad lines with their number and reason, and goes on', async () => {
    const good =
      '{"event_id":"e1","type":"AUDIT_LOG","timestamp":"2026-01-01T00:00:00Z",' +
      '"principal":{"id":"ws-1","type":"CHATGPT_WORKSPACE"},"action":"LOGIN"}';
    const text = [
      good,
      'not json',
      '',
      '[1]',
      '{"type":"X","timestamp":"2026-01-01T00:00:00Z","principal":{"id":"p"}}',
      '{"event_id":7,"type":"X","timestamp":"2026-01-01T00:00:00Z","principal":{"id":"p"}}',
      '{"event_id":"e2","type":"X","timestamp":"yesterday","principal":{"id":"p"}}',
      '{"event_id":"e3","type":"X","timestamp":"2026-01-01T00:00:00Z"}',
      good.replace('e1', 'e4'),
    ].join('\r\n');
    const items = await readAll('mixed.jsonl', Buffer.from(text));
    expect(items.map((i) => ('event' in i ? [i.line, i.event.eventId] : [i.line, i.quarantined]))).toEqual([
      [1, 'e1'],
      [2, expect.stringMatching(/^not JSON/)],
      [4, 'not a JSON object'],
      [5, 'missing event_id'],
      [6, 'event_id must be a non-empty string'],
      [7, 'timestamp must be an ISO 8601 date-time with a zone, got "yesterday"'],
      [8, 'principal.id must be a non-empty string'],
      [9, 'e4'],
    ]);
  });

  it('reads gzip by its magic bytes and names a corrupt one', async () => {
    const bytes = readFileSync(path.join(SAMPLES, 'custom-agents-log.sample.jsonl'));
    const zipped = gzipSync(bytes);
    expect((await readAll('logs.gz', zipped)).length).toBe(13);
    await expect(readAll('broken.jsonl.gz', zipped.subarray(0, zipped.length - 40))).rejects.toThrow(CorruptFileError);
    await expect(readAll('broken.jsonl.gz', zipped.subarray(0, zipped.length - 40))).rejects.toThrow(
      /^broken\.jsonl\.gz: corrupt gzip/,
    );
  });

  it('normalises timestamps to UTC with microseconds, so they sort as text', () => {
    expect(normaliseTimestamp('2026-03-03T20:40:00.123456Z')).toBe('2026-03-03T20:40:00.123456Z');
    expect(normaliseTimestamp('2026-03-03T20:40:00Z')).toBe('2026-03-03T20:40:00.000000Z');
    expect(normaliseTimestamp('2026-03-03T22:40:00.5+02:00')).toBe('2026-03-03T20:40:00.500000Z');
    expect(normaliseTimestamp('2026-03-03 20:40:00')).toBeNull();
    // Dates that do not exist are refused, not rolled over (2026-02-30 is not March 2nd).
    expect(normaliseTimestamp('2026-02-30T10:00:00.000000Z')).toBeNull();
    expect(normaliseTimestamp('2026-02-30T10:00:00Z')).toBeNull();
    expect(normaliseTimestamp('2026-01-01T24:00:00.000000Z')).toBeNull();
    expect(normaliseTimestamp('2028-02-29T10:00:00.000000Z')).toBe('2028-02-29T10:00:00.000000Z');
    expect(normaliseTimestamp('2100-02-29T10:00:00.000000Z')).toBeNull();
    expect(
      parseLogLine(
        '{"event_id":"a","type":"CUSTOM_AGENTS_LOG","timestamp":"2026-03-03T20:40:00Z","principal":{"id":"p"},' +
          '"event_type":"AGENT_CREATED"}',
      ),
    ).toMatchObject({ ok: true, event: { eventType: 'AGENT_CREATED', principalType: null } });
  });
});
