// The streamed reader gives exactly what readCsvRecords gives for the whole file, however the bytes are cut into
// pieces (mid-line, mid-CRLF, mid-character, inside quotes): the same records with the same lines, the same fatal
// error. The agent import streams every upload through it (issue 20: a 1M-row import in bounded memory).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordStream, MAX_RECORD_CHARS } from './record-stream.ts';
import { readCsvRecords } from './records.ts';

const piece = fc.constantFrom(
  'a',
  'Z',
  ' ',
  ',',
  '"',
  '""',
  '" ',
  '\n',
  '\r',
  '\r\n',
  '\ufeff',
  '\uFFFD',
  '=HYPERLINK("http://x")',
  'é',
  '☕',
  '😀',
  '\u0000',
  ';',
);
const text = fc.array(piece, { maxLength: 80 }).map((p) => Buffer.from(p.join('')));
const bytes = fc.oneof(
  text,
  // Invalid UTF-8 somewhere in otherwise plausible text.
  fc
    .tuple(text, fc.uint8Array({ minLength: 1, maxLength: 4 }), text)
    .map(([a, b, c]) => Buffer.concat([a, Buffer.from(b), c])),
);

function streamed(input: Buffer, cuts: number[]) {
  const reader = new CsvRecordStream();
  const records: { fields: string[]; line: number }[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b)) {
    records.push(...reader.push(input.subarray(at, cut)));
    at = cut;
  }
  records.push(...reader.push(input.subarray(at)));
  records.push(...reader.end());
  return { records, fatal: reader.fatal };
}

describe('CsvRecordStream (property)', () => {
  it('reads any bytes cut anywhere as readCsvRecords reads them whole', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 12 }), (input, cuts) => {
        const whole = readCsvRecords(input);
        const { records, fatal } = streamed(input, cuts);
        expect(fatal).toEqual(whole.fatal);
        if (whole.fatal) return;
        expect(records).toEqual(whole.records.map((fields, i) => ({ fields, line: whole.lines[i] })));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a record longer than its bound (a quote never closed) without holding the rest', () => {
    const reader = new CsvRecordStream();
    reader.push(Buffer.from('agent_id,agent_name\na1,"never closed\n'));
    const piece = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i * piece.length <= MAX_RECORD_CHARS; i++) reader.push(piece);
    reader.end();
    expect(reader.fatal).toEqual({
      line: 2,
      reason: 'unparseable: a record longer than 8 MB starts here (is a quote never closed?)',
    });
  });
});
