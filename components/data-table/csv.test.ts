import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('data table CSV', () => {
  it('quotes separators and neutralises spreadsheet formulas in every cell, headers included', () => {
    const csv = toCsv(
      ['Agent', '=Owner'],
      [
        ['Bot, "the" one', '=HYPERLINK("http://x")'],
        ['+1', null],
        ['-2', 3],
      ],
    );
    expect(csv).toBe('Agent,\'=Owner\r\n"Bot, ""the"" one","\'=HYPERLINK(""http://x"")"\r\n\'+1,\r\n\'-2,3\r\n');
  });
  it('keeps line breaks inside a quoted cell', () => {
    expect(toCsv(['Note'], [['a\nb']])).toBe('Note\r\n"a\nb"\r\n');
  });
});
