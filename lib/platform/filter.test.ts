// The Actions page's view in the URL: known values are kept, anything malformed falls back to no filter, and the
// query string of a view reads back as the same view.
import { describe, expect, it } from 'vitest';
import { actionQuery, parseActionFilter, sortDir } from './filter.ts';

describe('parseActionFilter', () => {
  it('keeps a known kind and status and drops unknown ones', () => {
    expect(parseActionFilter({ kind: 'delete_gpt', status: 'awaiting_approval' })).toMatchObject({
      kind: 'delete_gpt',
      status: 'awaiting_approval',
    });
    expect(parseActionFilter({ kind: 'drop_table', status: '__proto__', page: '-3', sort: 'x' })).toEqual({
      status: 'all',
      sort: 'requested',
      page: 1,
    });
  });

  it('reads newest first by default and A to Z for text columns', () => {
    expect(sortDir(parseActionFilter({}))).toBe('desc');
    expect(sortDir(parseActionFilter({ sort: 'target' }))).toBe('asc');
    expect(sortDir(parseActionFilter({ sort: 'target', dir: 'desc' }))).toBe('desc');
  });

  it('writes a view that reads back the same, starting again at page 1 on a change', () => {
    const f = parseActionFilter({ kind: 'isolate_gpt', status: 'open', q: '100% & co', page: '3', sort: 'kind' });
    expect(parseActionFilter(Object.fromEntries(new URLSearchParams(actionQuery(f, { page: 3 }))))).toEqual(f);
    expect(actionQuery(f, { status: 'failed' })).not.toContain('page=');
    expect(actionQuery(parseActionFilter({}))).toBe('');
  });
});
