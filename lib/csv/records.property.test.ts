// The CSV reader and the agent export parser under random and hostile input (issue 15, "done means"):
// whatever the cells, quotes, BOM, CR/LF mix, formula-looking text or row size, every record comes back as
// written with the line it starts on, and anything unreadable is one clear error with its line — never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '@/lib/agents/inventory-csv.ts';
import { readCsvRecords } from './records.ts';

// Cells mixing what CSV files get wrong: quotes, commas, line ends of every kind, BOMs, formula prefixes, NUL.
const piece = fc.constantFrom(
  'a',
  'Z',
  ' ',
  ',',
  '"',
  '""',
  '\n',
  '\r',
  '\r\n',
  '\ufeff',
  '=',
  '+',
  '-',
  '@',
  '=HYPERLINK("http://x")',
  'é',
  '☕',
  '\u0000',
  '\t',
  ';',
  '|',
);
const cell = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** RFC 4180: a cell is quoted when it holds a quote, a comma, a line end, or would start with a BOM. */
const quote = (c: string) => (/[",\r\n]|^\ufeff/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);

/** Line ends count as readers count them: \r\n once, a lone \r or \n once each. */
const breaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

describe('readCsvRecords (property)', () => {
  it('reads back every record exactly as written, with the line it starts on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.array(lineEnd, { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (rows, ends, bom) => {
          let text = bom ? '\ufeff' : '';
          const starts: number[] = [];
          rows.forEach((row, i) => {
            starts.push(breaks(text) + 1);
            text += row.map(quote).join(',') + ends[i];
          });
          const { records, lines, fatal } = readCsvRecords(Buffer.from(text));
          if (text.includes('\u0000')) {
            expect(fatal).toEqual({
              line: breaks(text.slice(0, text.indexOf('\u0000'))) + 1,
              reason: expect.stringMatching(/^contains a NUL character/),
            });
            return;
          }
          expect(fatal).toBeNull();
          // Line ends inside a cell are read as \n (the reader normalises CR and CRLF).
          expect(records).toEqual(rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n'))));
          expect(lines).toEqual(starts);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers any bytes with records or one error naming a line that exists, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.array(piece, { maxLength: 60 }).map((p) => Buffer.from(p.join(''))),
        ),
        (bytes) => {
          const { records, lines, fatal } = readCsvRecords(bytes);
          const lineCount = breaks(bytes.toString('utf8')) + 1;
          if (fatal) {
            expect(fatal.reason).toMatch(/^(not UTF-8 text|unparseable: |contains a NUL character)/);
            expect(fatal.line).toBeGreaterThanOrEqual(1);
            expect(fatal.line).toBeLessThanOrEqual(lineCount);
          }
          expect(records.length).toBe(lines.length);
          for (const line of lines) expect(line).toBeLessThanOrEqual(lineCount);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseInventory (property)', () => {
  const header = 'agent_id,agent_name,owner_email,connected_apps';

  it('imports each row with its name as written (formulas stay text) or names its line and reason', async () => {
    const row = fc.record({
      id: cell,
      name: cell,
      email: fc.oneof(fc.constant('ann@acme.example'), cell),
      apps: cell,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), lineEnd, async (rows, end) => {
        let text = header + end;
        const starts: number[] = [];
        for (const r of rows) {
          starts.push(breaks(text) + 1);
          text += [r.id, r.name, r.email, r.apps].map(quote).join(',') + end;
        }
        const parsed = await parseInventory(Buffer.from(text));
        if (text.includes('\u0000')) {
          expect(parsed.fatal).toEqual({
            line: breaks(text.slice(0, text.indexOf('\u0000'))) + 1,
            reason: expect.stringMatching(/^contains a NUL character/),
          });
          return;
        }
        expect(parsed.fatal).toBeNull();
        expect(parsed.rows.length + parsed.errors.length).toBe(rows.length);
        for (const e of parsed.errors) {
          expect(starts).toContain(e.line);
          expect(e.reason.length).toBeGreaterThan(0);
        }
        for (const r of parsed.rows) {
          const written = rows[starts.indexOf(r.line)]!;
          expect(r.agentName).toBe(written.name.replace(/\r\n?/g, '\n').trim());
          expect(r.agentId).toBe(written.id.replace(/\r\n?/g, '\n').trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a huge row (a 4 MB cell) whole, and a file with a BOM and mixed line ends', async () => {
    const name = '=cmd|'.repeat(800_000);
    const parsed = await parseInventory(
      Buffer.from(`\ufeff${header}\r\nag-1,"${name}",ann@acme.example,Slack\rag-2,Two,bob@acme.example,Notion\n`),
    );
    expect(parsed.fatal).toBeNull();
    expect(parsed.rows.map((r) => [r.line, r.agentId, r.agentName.length])).toEqual([
      [2, 'ag-1', name.length],
      [3, 'ag-2', 3],
    ]);
  });
});
