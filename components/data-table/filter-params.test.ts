import { describe, expect, it } from 'vitest';
import { keptParams, VIEW_PARAMS } from './filter-params.ts';

describe('keptParams', () => {
  it('carries the sort, direction and page size over, and never the page or the old filters', () => {
    expect(keptParams('status=open&sort=due&dir=desc&size=100&page=4&q=x')).toEqual([
      ['sort', 'due'],
      ['dir', 'desc'],
      ['size', '100'],
    ]);
    expect(VIEW_PARAMS).not.toContain('page');
    expect(keptParams('page=3&sort=due', ['sort', 'page'])).toEqual([['sort', 'due']]);
  });

  it('keeps only what the form does not show itself, and skips absent or empty values', () => {
    expect(keptParams(new URLSearchParams('sort=name&dir=&size=25'), ['sort', 'dir'])).toEqual([['sort', 'name']]);
    expect(keptParams('')).toEqual([]);
  });

  it('takes the first value of a repeated parameter, as the pages read it', () => {
    expect(keptParams('sort=a&sort=b')).toEqual([['sort', 'a']]);
  });
});
