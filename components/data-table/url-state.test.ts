import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDir, pageSlice, parsePage, parseSort, sortRows, withParams } from './url-state.ts';

describe('data table URL state', () => {
  it('reads only the sorts a page offers, and pages from 1', () => {
    expect(parseSort({ sort: 'owner', dir: 'desc' }, ['owner'])).toEqual({ key: 'owner', dir: 'desc' });
    expect(parseSort({ sort: 'password' }, ['owner'])).toBeNull();
    expect(parseSort({ sort: 'owner', dir: 'sideways' }, ['owner'])).toEqual({ key: 'owner', dir: 'asc' });
    expect([parsePage({ page: '3' }), parsePage({ page: '0' }), parsePage({ page: '1e3x' }), parsePage({})]).toEqual([
      3, 1, 1, 1,
    ]);
  });

  it('a new sort or filter starts at page 1 and keeps the other filters', () => {
    expect(withParams('status=open&page=4&q=x', { sort: 'due', dir: 'asc' })).toBe('?status=open&q=x&sort=due&dir=asc');
    expect(withParams('status=open&page=4', { page: '5' })).toBe('?status=open&page=5');
    expect(withParams('page=2', { page: undefined })).toBe('');
    expect([nextDir(null, 'desc'), nextDir('desc', 'desc'), nextDir('asc', 'desc')]).toEqual(['desc', 'asc', 'desc']);
  });

  it('pages cover every row once, and a page past the end shows the last page', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), (rows, size) => {
        const first = pageSlice(rows, 1, size);
        const all = Array.from({ length: first.pages }, (_, i) => pageSlice(rows, i + 1, size).rows).flat();
        expect(all).toEqual(rows);
        expect(pageSlice(rows, first.pages + 7, size).page).toBe(first.pages);
      }),
    );
  });

  it('sorts both ways, empty values last, ties in their order, and leaves the list alone without a sort', () => {
    const rows = [
      { n: 'b', i: 1 },
      { n: null, i: 2 },
      { n: 'a', i: 3 },
      { n: 'B', i: 4 },
    ];
    const by = (r: (typeof rows)[number]) => r.n;
    expect(sortRows(rows, { key: 'n', dir: 'asc' }, by).map((r) => r.i)).toEqual([3, 1, 4, 2]);
    expect(sortRows(rows, { key: 'n', dir: 'desc' }, by).map((r) => r.i)).toEqual([1, 4, 3, 2]);
    expect(sortRows(rows, null, by).map((r) => r.i)).toEqual([1, 2, 3, 4]);
    const dates = [new Date('2026-02-01'), new Date('2025-12-31')];
    expect(sortRows(dates, { key: 'd', dir: 'asc' }, (d) => d)).toEqual([dates[1], dates[0]]);
    expect(sortRows(['item 10', 'item 9'], { key: 'x', dir: 'asc' }, (s) => s)).toEqual(['item 9', 'item 10']);
  });
});
