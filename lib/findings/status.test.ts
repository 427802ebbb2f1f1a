import { describe, expect, it } from 'vitest';
import { findingStatus } from './status.ts';
import type { SnapshotException } from './types.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const REVIEW = new Date('2026-12-01T00:00:00Z');

const shared = {
  key: 'shared-connections:eve@x.example',
  kind: 'shared-connections',
  subjectId: 'm1',
  subjectLabel: 'eve@x.example',
  status: 'open',
  cause: {},
};
const custom = {
  key: 'action-custom:slack',
  kind: 'action-custom',
  subjectId: 'slack',
  subjectLabel: 'slack',
  status: 'open',
  cause: { observed: 'custom' },
};
const allowAll = {
  key: 'allow-all:gmail',
  kind: 'allow-all',
  subjectId: 'gmail',
  subjectLabel: 'gmail',
  status: 'open',
  cause: {},
};

function exception(e: Partial<SnapshotException>): SnapshotException {
  return { id: 'e1', status: 'approved', reviewAt: REVIEW, scopeKind: 'role_bit', scope: {}, findingKeys: [], ...e };
}

describe('findingStatus', () => {
  it('is excepted while an approved exception lists the key, and open again at its review instant', () => {
    const e = exception({
      scopeKind: 'action_control',
      scope: { appId: 'gmail', mode: 'allow_all' },
      findingKeys: ['allow-all:gmail'],
    });
    expect(findingStatus(allowAll, [e], NOW)).toEqual({ status: 'excepted', exceptionId: 'e1' });
    expect(findingStatus(allowAll, [e], new Date(REVIEW.getTime() - 1))).toEqual({
      status: 'excepted',
      exceptionId: 'e1',
    });
    expect(findingStatus(allowAll, [e], REVIEW)).toEqual({ status: 'open', exceptionId: null });
  });

  it('is open while the exception is only requested, or after it was rejected or revoked', () => {
    for (const status of ['requested', 'rejected', 'revoked']) {
      expect(findingStatus(allowAll, [exception({ status, findingKeys: ['allow-all:gmail'] })], NOW).status).toBe(
        'open',
      );
    }
  });

  it('is excepted by a role_bit exception naming the person for shared connections, not another person', () => {
    const naming = (people: string[]) =>
      exception({ scope: { bit: 'publish_agents_with_shared_connections', people } });
    expect(findingStatus(shared, [naming(['Eve@X.example'])], NOW).status).toBe('excepted');
    expect(findingStatus(shared, [naming(['bob@x.example'])], NOW).status).toBe('open');
    expect(
      findingStatus(shared, [exception({ scope: { bit: 'publish_agents', people: ['eve@x.example'] } })], NOW).status,
    ).toBe('open');
  });

  it('is excepted by an action_control exception for the app on custom, and not for another app', () => {
    expect(
      findingStatus(
        custom,
        [exception({ scopeKind: 'action_control', scope: { appId: 'slack', mode: 'custom' } })],
        NOW,
      ).status,
    ).toBe('excepted');
    expect(
      findingStatus(
        custom,
        [exception({ scopeKind: 'action_control', scope: { appId: 'gmail', mode: 'custom' } })],
        NOW,
      ).status,
    ).toBe('open');
    // A scope alone never covers allow_all: only an exception listing that finding does.
    expect(
      findingStatus(
        allowAll,
        [exception({ scopeKind: 'action_control', scope: { appId: 'gmail', mode: 'allow_all' } })],
        NOW,
      ).status,
    ).toBe('open');
  });

  it('stays resolved whatever the exceptions', () => {
    expect(
      findingStatus({ ...allowAll, status: 'resolved' }, [exception({ findingKeys: ['allow-all:gmail'] })], NOW),
    ).toEqual({ status: 'resolved', exceptionId: null });
  });

  it('names the exception reviewed latest when several cover it', () => {
    const a = exception({ id: 'a', findingKeys: [allowAll.key] });
    const b = exception({ id: 'b', findingKeys: [allowAll.key], reviewAt: new Date('2027-01-10T00:00:00Z') });
    expect(findingStatus(allowAll, [a, b], NOW).exceptionId).toBe('b');
  });
});
