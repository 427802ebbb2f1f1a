import { describe, expect, it } from 'vitest';
import { findingFilterQuery, parseFindingFilter } from './filter.ts';

describe('findings filter', () => {
  it('reads the URL, falling back to no filter on unknown values', () => {
    expect(
      parseFindingFilter({
        status: 'excepted',
        control: '6.2',
        kind: 'allow-all',
        owner: ' a@x.example ',
        overdue: '1',
      }),
    ).toEqual({ status: 'excepted', control: '6.2', kind: 'allow-all', owner: 'a@x.example', overdue: '1' });
    expect(parseFindingFilter({ status: 'bogus', control: '9.9', kind: 'nope', subject: ['app', 'role'] })).toEqual({
      status: 'current',
      control: undefined,
      kind: undefined,
      subject: 'app',
    });
  });

  it('filters GPT findings by the guide’s 3.1 and by their kinds', () => {
    expect(parseFindingFilter({ control: '3.1', kind: 'gpt-owner-not-on-roster', subject: 'agent' })).toMatchObject({
      control: '3.1',
      kind: 'gpt-owner-not-on-roster',
      subject: 'agent',
    });
  });

  it('writes a query leaving out the default status', () => {
    expect(findingFilterQuery({ status: 'current' })).toBe('');
    expect(findingFilterQuery({ status: 'current' }, { owner: 'unassigned', status: 'open' })).toBe(
      '?status=open&owner=unassigned',
    );
  });
});
