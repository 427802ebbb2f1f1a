import { describe, expect, it } from 'vitest';
import { parseRosterFilter, rosterQuery } from './filter.ts';

describe('roster filter', () => {
  it('reads the URL, dropping unknown values instead of failing', () => {
    expect(
      parseRosterFilter({
        q: ' ann ',
        role: 'admin',
        status: 'nope',
        source: ['scim', 'csv'],
        show: 'overdue',
        page: '2',
        size: '7',
      }),
    ).toEqual({
      q: 'ann',
      role: 'admin',
      status: 'active',
      source: 'scim',
      group: undefined,
      show: 'overdue',
      page: 2,
      size: 50,
    });
  });

  it('writes a query without defaults, resetting the page on change', () => {
    const f = parseRosterFilter({ role: 'owner', page: '3', size: '25' });
    expect(rosterQuery(f)).toBe('?role=owner&size=25');
    expect(rosterQuery(f, { page: 4 })).toBe('?role=owner&page=4&size=25');
    expect(rosterQuery(parseRosterFilter({}))).toBe('');
  });

  it('shows active members unless another status (or any) is asked for', () => {
    expect(parseRosterFilter({}).status).toBe('active');
    expect(parseRosterFilter({ status: 'removed' }).status).toBe('removed');
    const any = parseRosterFilter({ status: 'any' });
    expect(any.status).toBe('any');
    expect(rosterQuery(any)).toBe('?status=any');
  });
});
