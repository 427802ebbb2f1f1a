import { describe, expect, it } from 'vitest';
import { assertHttpsLink } from '@/lib/attachments/link.ts';
import { assertMayDecide, assertReviewDate, daysBetween, nextStatus, parseReviewDate, samePerson } from './rules.ts';
import { requestInputSchema, scopeInputSchema } from './schemas.ts';

const now = new Date('2026-02-19T10:00:00Z');
const future = new Date('2026-04-01T00:00:00Z');

describe('transitions', () => {
  it('moves a request to approved or rejected, and an approval to revoked', () => {
    expect(nextStatus({ status: 'requested', reviewAt: future }, 'approve', now)).toBe('approved');
    expect(nextStatus({ status: 'requested', reviewAt: future }, 'reject', now)).toBe('rejected');
    expect(nextStatus({ status: 'approved', reviewAt: future }, 'revoke', now)).toBe('revoked');
  });

  it('refuses every other move, naming the status it is in', () => {
    expect(() => nextStatus({ status: 'approved', reviewAt: future }, 'approve', now)).toThrow(
      'This exception is approved; only a requested exception can be approved.',
    );
    expect(() => nextStatus({ status: 'rejected', reviewAt: future }, 'approve', now)).toThrow(/is rejected/);
    expect(() => nextStatus({ status: 'requested', reviewAt: future }, 'revoke', now)).toThrow(
      'This exception is requested; only an approved exception can be revoked.',
    );
    expect(() => nextStatus({ status: 'revoked', reviewAt: future }, 'revoke', now)).toThrow(/is revoked/);
  });

  it('treats an approval past its review date as expired: not revocable, renewal is a new request', () => {
    expect(() => nextStatus({ status: 'approved', reviewAt: now }, 'revoke', now)).toThrow(
      /is expired.*Renewal is a new request/,
    );
  });
});

describe('who may decide', () => {
  const ciso = { id: 'u-ciso', label: 'cyrus@acme.example', roles: ['ciso'] as const };

  it('lets a holder of exceptions:approve decide someone else’s request', () => {
    expect(() => assertMayDecide({ id: 'u-rhea', label: 'rhea@acme.example' }, ciso)).not.toThrow();
  });

  it('refuses the requester, by user id or, without one, by e-mail ignoring case', () => {
    expect(() => assertMayDecide({ id: 'u-ciso', label: 'someone-else' }, ciso)).toThrow(/requester cannot decide/);
    expect(() => assertMayDecide({ id: null, label: 'Cyrus@ACME.example' }, ciso)).toThrow(/requester cannot decide/);
    expect(samePerson({ id: 'a', label: 'x@y.z' }, { id: 'b', label: 'X@Y.Z ' })).toBe(true);
    expect(samePerson({ id: 'a', label: 'x@y.z' }, { id: 'b', label: 'w@y.z' })).toBe(false);
  });

  it('refuses anyone without exceptions:approve, an admin included', () => {
    expect(() =>
      assertMayDecide(
        { id: 'u-rhea', label: 'rhea@acme.example' },
        { id: 'u-ada', label: 'ada@acme.example', roles: ['admin', 'reviewer'] },
      ),
    ).toThrow(/exceptions:approve/);
  });
});

describe('review date', () => {
  it('allows exactly 90 days after approval and refuses one millisecond more, saying how many days', () => {
    const approvedAt = new Date('2026-01-01T12:00:00Z');
    expect(() => assertReviewDate(new Date('2026-04-01T12:00:00Z'), approvedAt, 'approval')).not.toThrow();
    expect(() => assertReviewDate(new Date('2026-04-01T12:00:00.001Z'), approvedAt, 'approval')).toThrow(
      'The review date 2026-04-01 is 91 days after approval; at most 90 are allowed.',
    );
  });

  it('words the example of the issue: 2026-06-01 is 102 days after an approval on 2026-02-19', () => {
    expect(() => assertReviewDate(parseReviewDate('2026-06-01'), now, 'approval')).toThrow(
      'The review date 2026-06-01 is 102 days after approval; at most 90 are allowed.',
    );
  });

  it('refuses a review date that is not after approval, or not a date', () => {
    expect(() => assertReviewDate(now, now, 'approval')).toThrow(/not after approval/);
    expect(() => assertReviewDate(parseReviewDate('someday'), now, 'request')).toThrow(/not a valid date/);
  });

  it('checks a request against today, the earliest approval', () => {
    expect(() => assertReviewDate(new Date(now.getTime() + 91 * 86_400_000), now, 'request')).toThrow(
      /91 days away; at most 90 days after approval/,
    );
  });

  it('reads a form day as midnight UTC and counts started days', () => {
    expect(parseReviewDate('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00.001Z'))).toBe(2);
  });
});

describe('links', () => {
  it('accepts https and refuses anything else', () => {
    expect(assertHttpsLink(' https://cab.acme.example/CHG-1 ')).toBe('https://cab.acme.example/CHG-1');
    expect(() => assertHttpsLink('http://cab.acme.example/CHG-1')).toThrow(
      'Links must use https: http links are refused.',
    );
    expect(() => assertHttpsLink('javascript:alert(1)')).toThrow(/https/);
    expect(() => assertHttpsLink('https://user:pw@cab.acme.example/')).toThrow(/user name or password/);
    expect(() => assertHttpsLink('not a link')).toThrow(/is not a link/);
  });
});

describe('scopes', () => {
  it('takes a role bit for named people, lower-cased and de-duplicated', () => {
    expect(
      scopeInputSchema.parse({
        kind: 'role_bit',
        bit: 'publish_agents_with_shared_connections',
        people: ['B@acme.example', 'a@acme.example', 'b@acme.example'],
      }),
    ).toEqual({
      kind: 'role_bit',
      bit: 'publish_agents_with_shared_connections',
      people: ['a@acme.example', 'b@acme.example'],
    });
  });

  it('refuses an unknown bit, nobody named, a bad e-mail, an unknown mode', () => {
    expect(
      scopeInputSchema.safeParse({ kind: 'role_bit', bit: 'delete_everything', people: ['a@acme.example'] }).success,
    ).toBe(false);
    expect(scopeInputSchema.safeParse({ kind: 'role_bit', bit: 'use_agents', people: [] }).success).toBe(false);
    expect(scopeInputSchema.safeParse({ kind: 'role_bit', bit: 'use_agents', people: ['nobody'] }).success).toBe(false);
    expect(scopeInputSchema.safeParse({ kind: 'action_control', appId: 'slack', mode: 'everything' }).success).toBe(
      false,
    );
    expect(scopeInputSchema.safeParse({ kind: 'action_control', appId: 'slack', mode: 'allow_all' }).success).toBe(
      true,
    );
  });

  it('never takes a configuration hash from the client for a trifecta scope', () => {
    expect(scopeInputSchema.parse({ kind: 'trifecta', agentId: 'ag-1', configHash: 'forged' })).toEqual({
      kind: 'trifecta',
      agentId: 'ag-1',
    });
  });

  it('requires a title, a business case and a review date', () => {
    const base = {
      title: 'Slack bot for support',
      businessCase: 'Support answers customers in Slack.',
      scope: { kind: 'action_control', appId: 'slack', mode: 'allow_all' },
      reviewAt: future,
    };
    expect(requestInputSchema.safeParse(base).success).toBe(true);
    expect(requestInputSchema.safeParse({ ...base, title: '' }).success).toBe(false);
    expect(requestInputSchema.safeParse({ ...base, businessCase: 'short' }).success).toBe(false);
    expect(requestInputSchema.safeParse({ ...base, reviewAt: undefined }).success).toBe(false);
  });
});
