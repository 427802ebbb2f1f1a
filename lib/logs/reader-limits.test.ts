// Hostile Compliance Logs files (issue 15, items 3 and 4): over-long lines, decompression bombs, deep and NUL
// records are refused line by line (or the file stops with a reason) in bounded memory, never a crash.
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from './event.ts';
import { CorruptFileError, linesOf, READ_LIMITS, readLogFile, type ReadItem, type ReadLimits } from './reader.ts';

const MB = 1024 * 1024;

async function readAll(name: string, chunks: Buffer[], limits?: ReadLimits): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readLogFile(name, chunks, limits)) items.push(item);
  return items;
}

const record = (id: string, details: unknown = { agent_id: 'a1', text: 'hi' }, eventType = 'AGENT_RUN_MESSAGE') =>
  `{"event_id":"${id}","type":"CUSTOM_AGENTS_LOG","timestamp":"2026-01-01T00:00:00Z","principal":{"id":"p"},` +
  `"event_type":"${eventType}","event_details":${typeof details === 'string' ? details : JSON.stringify(details)}}`;

const summary = (items: ReadItem[]) =>
  items.map((i) => ('event' in i ? [i.line, i.event.eventId] : [i.line, i.quarantined]));

describe('unbounded lines (item 3)', () => {
  it('quarantines a line over 8 MB with its number, unread, and goes on', async () => {
    const huge = `{"event_id":"big","pad":"${'x'.repeat(9 * MB)}"}`;
    const text = [record('e1'), huge, record('e2')].join('\n');
    const items = await readAll('big.jsonl', [Buffer.from(text)]);
    expect(summary(items)).toEqual([
      [1, 'e1'],
      [2, `longer than the limit of 8 MB per line (${huge.length} bytes): not read`],
      [3, 'e2'],
    ]);
    expect(items[1]!.text).toBe(huge.slice(0, 500));
  });

  it('stops a gzip of zeros with no newline (a decompression bomb) with a reason, in bounded memory', async () => {
    const bomb = gzipSync(Buffer.alloc(96 * MB), { level: 9 });
    expect(bomb.length).toBeLessThan(MB);
    const before = process.memoryUsage().rss;
    const reading = readAll('bomb.jsonl.gz', [bomb]);
    await expect(reading).rejects.toThrow(CorruptFileError);
    await expect(readAll('bomb.jsonl.gz', [bomb])).rejects.toThrow(
      /^bomb\.jsonl\.gz: expands to more than 200 times its compressed size .*stopped after line 0$/,
    );
    // The line is never held: far less than the 96 MB it expands to.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MB);
  });

  it('stops a gzip that expands beyond the total limit, keeping the lines before', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => record(`t${i}`)).join('\n');
    const limits = { ...READ_LIMITS, maxDecompressedBytes: 100_000 };
    const items: ReadItem[] = [];
    await expect(
      (async () => {
        for await (const item of readLogFile('big.jsonl.gz', [gzipSync(lines)], limits)) items.push(item);
      })(),
    ).rejects.toThrow(/^big\.jsonl\.gz: expands to more than 98 KB, the limit; stopped after line \d+$/);
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((i) => 'event' in i)).toBe(true);
  });
});

describe('deep JSON (item 4)', () => {
  it('quarantines a record nested 100,000 levels in event_details of AGENT_RUN_MESSAGE, and goes on', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const deepNul = `${'[{"x":'.repeat(50_000)}"\\u0000"${'}]'.repeat(50_000)}`;
    const text = [record('d1', deep), record('d2', deepNul), record('ok')].join('\n');
    const items = await readAll('deep.jsonl', [Buffer.from(text)]);
    expect(summary(items)).toEqual([
      [1, 'nested more than 64 levels deep'],
      [2, 'nested more than 64 levels deep'],
      [3, 'ok'],
    ]);
  });

  it('still accepts a record 64 levels deep, and finds a NUL at that depth', () => {
    const nested = (inner: string) => `${'{"a":'.repeat(60)}${inner}${'}'.repeat(60)}`;
    expect(parseLogLine(record('x', nested('1')))).toMatchObject({ ok: true });
    expect(parseLogLine(record('x', nested('"\\u0000"')))).toEqual({
      ok: false,
      reason: 'contains a NUL character (\\u0000), which cannot be stored',
    });
    expect(parseLogLine(record('x', `${'[{"a":'.repeat(40)}1${'}]'.repeat(40)}`))).toEqual({
      ok: false,
      reason: 'nested more than 64 levels deep',
    });
  });
});

describe('the JSONL reader under random and hostile input (property)', () => {
  it('splits lines exactly as readline does, whatever the CR/LF mix and the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'é', '{', '"', '\r', '\n', '\r\n', ' ', '\u2028')),
        fc.integer({ min: 1, max: 7 }),
        async (pieces, size) => {
          const bytes = Buffer.from(pieces.join(''));
          const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
            bytes.subarray(i * size, (i + 1) * size),
          );
          const ours: string[] = [];
          for await (const l of linesOf(Readable.from(chunks), 1000)) ours.push('text' in l ? l.text : '');
          const theirs: string[] = [];
          for await (const l of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity })) theirs.push(l);
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers random bytes, deep and NUL lines with a record or a quarantine reason each, never a crash', async () => {
    const hostileLine = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) =>
        Buffer.from(b)
          .toString('latin1')
          .replace(/[\r\n]/g, ' '),
      ),
      fc.integer({ min: 64, max: 3000 }).map((n) => record('deep', `${'['.repeat(n)}${']'.repeat(n)}`)),
      fc.string().map((s) => record('nul', { agent_id: 'a', text: `${s}\u0000` })),
      fc.constant(record('fine')),
      fc.constant('x'.repeat(10_000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(hostileLine, { maxLength: 20 }), async (lines) => {
        const limits = { ...READ_LIMITS, maxLineBytes: 8192 };
        const items = await readAll('random.jsonl', [Buffer.from(lines.join('\n'))], limits);
        for (const item of items) {
          expect(item.line).toBeGreaterThan(0);
          expect(item.line).toBeLessThanOrEqual(lines.length);
          if ('quarantined' in item)
            expect(item.quarantined).toMatch(
              new RegExp(
                '^(not JSON|not a JSON object|nested more than|contains a NUL|missing|' +
                  'event_id|type|timestamp|principal|longer than the limit)',
              ),
            );
        }
        expect(items.filter((i) => 'event' in i).map((i) => i.line)).toEqual(
          lines.flatMap((l, i) => (l === record('fine') ? [i + 1] : [])),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('names a broken gzip with the line it stopped after, whatever its bytes', async () => {
    const whole = gzipSync(Array.from({ length: 300 }, (_, i) => record(`g${i}`)).join('\n'));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: whole.length - 9 }),
        fc.uint8Array({ maxLength: 64 }),
        async (cut, junk) => {
          const broken = Buffer.concat([whole.subarray(0, cut), Buffer.from(junk)]);
          const error = await readAll('broken.jsonl.gz', [broken]).then(
            () => null,
            (e: unknown) => e,
          );
          // A cut gzip is corrupt; only if the junk happens to complete nothing can it end early, never crash.
          if (error !== null)
            expect((error as Error).message).toMatch(/^broken\.jsonl\.gz: corrupt gzip after line \d+ \(/);
          expect(error === null || error instanceof CorruptFileError).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
