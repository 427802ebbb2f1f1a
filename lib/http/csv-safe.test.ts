import { describe, expect, it } from 'vitest';
import { safeCsvCell } from './csv-safe.ts';

describe('safeCsvCell', () => {
  it.each([['=HYPERLINK("http://x")'], ['+1'], ['-2+3'], ['@SUM(A1)'], ['\tx'], ['\rx']])('neutralises %j', (cell) => {
    expect(safeCsvCell(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary cells, including inner formula characters, as they are', () => {
    expect(safeCsvCell('Inbox triage = fast')).toBe('Inbox triage = fast');
    expect(safeCsvCell('ann@acme.com')).toBe('ann@acme.com');
    expect(safeCsvCell(3)).toBe('3');
    expect(safeCsvCell(null)).toBe('');
  });
});
