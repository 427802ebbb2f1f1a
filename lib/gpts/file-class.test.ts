import { describe, expect, it } from 'vitest';
import { filesForReview, isFileClassification } from '@/lib/gpts/file-class.ts';

const file = (id: string, name: string) => ({ id, name, mimeType: null, size: null });

describe('a GPT’s files for review', () => {
  it('lists unclassified files first, sensitive-looking names first among them, then the classified ones', () => {
    const files = [
      file('f1', 'brand-guide.pdf'),
      file('f2', 'customers.csv'),
      file('f3', 'agenda.docx'),
      file('f4', 'salaries-ssn.xlsx'),
      file('f5', 'customer-export.csv'),
    ];
    const rows = filesForReview(files, [
      { fileId: 'f5', classification: 'restricted' },
      { fileId: 'f1', classification: 'public' },
      { fileId: 'f3', classification: 'bogus' },
    ]);
    expect(rows.map((r) => [r.name, r.classification])).toEqual([
      ['salaries-ssn.xlsx', null],
      ['customers.csv', null],
      ['agenda.docx', null],
      ['brand-guide.pdf', 'public'],
      ['customer-export.csv', 'restricted'],
    ]);
    expect(rows[0]!.sensitiveTerms.length).toBeGreaterThan(0);
    expect(rows[2]!.sensitiveTerms).toEqual([]);
  });

  it('knows the four levels and nothing else', () => {
    expect(['public', 'internal', 'confidential', 'restricted'].every(isFileClassification)).toBe(true);
    expect(isFileClassification('secret')).toBe(false);
  });
});
