import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './records.ts';

describe('readCsvRecords', () => {
  it('numbers records by the line they start on, across CRLF, lone CR, blank lines and multi-line fields', () => {
    const { records, lines, fatal } = readCsvRecords('h1,h2\r\na,"b\r\nc"\r\rd,e\n\n"f ""g""",h\n');
    expect(fatal).toBeNull();
    expect(records).toEqual([
      ['h1', 'h2'],
      ['a', 'b\nc'],
      ['d', 'e'],
      ['f "g"', 'h'],
    ]);
    expect(lines).toEqual([1, 2, 5, 7]);
  });

  it('strips a BOM and keeps a quote inside an unquoted field as text', () => {
    expect(readCsvRecords('\ufeffa,b"c\n').records).toEqual([['a', 'b"c']]);
  });

  it('fails on an unclosed quote or text after a closing quote, naming the line', () => {
    expect(readCsvRecords('h\nok\n"never closed\nx\n').fatal).toEqual({
      line: 3,
      reason: 'unparseable: a quoted field opened here is never closed',
    });
    expect(readCsvRecords('h\nok\n"abc"def,x\n').fatal).toEqual({
      line: 3,
      reason: expect.stringMatching(/^unparseable: a quoted field is followed by text/),
    });
  });

  it('refuses bytes that are not UTF-8, naming the first bad line', () => {
    const bytes = Buffer.concat([Buffer.from('h\nfine\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(readCsvRecords(bytes).fatal).toEqual({ line: 3, reason: expect.stringMatching(/^not UTF-8 text/) });
  });
});

describe('readCsvRecords and NUL', () => {
  it('refuses a NUL character (PostgreSQL cannot store it), naming its line, not a preview failing with 500', () => {
    expect(readCsvRecords('h1,h2\r\na,b\r\nc,d\u0000e\n').fatal).toEqual({
      line: 3,
      reason: 'contains a NUL character, which cannot be stored (save the file as UTF-8 text)',
    });
  });
});
