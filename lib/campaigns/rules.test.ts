// The pure rules of a campaign: dealing items to reviewers, valid decisions, successor dates, and the findings a
// revoke or reassign gives while the data does not show it done.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignFindings, type CampaignChange } from '@/lib/findings/campaign.ts';
import {
  assignReviewers,
  checkDecision,
  checkRecurrence,
  needsSuccessor,
  progressByReviewer,
  successorDates,
} from './rules.ts';

const DAY = 86_400_000;
const rhea = { id: 'r', label: 'rhea@t.example' };
const sam = { id: 's', label: 'sam@t.example' };

describe('assignReviewers', () => {
  it('gives every item a reviewer, in turns, never the holder of the access when another reviewer can take it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            key: fc.string({ minLength: 1 }),
            holder: fc.constantFrom('rhea@t.example', 'sam@t.example', 'x@a.example'),
          }),
          {
            selector: (i) => i.key,
          },
        ),
        (items) => {
          const out = assignReviewers(items, [rhea, sam]);
          expect(out).toHaveLength(items.length);
          for (const i of out) expect(i.reviewer.label).not.toBe(i.holder);
          const counts = progressByReviewer(
            [rhea, sam],
            out.map((i) => ({ reviewerId: i.reviewer.id, decision: null })),
          );
          expect(counts.reduce((n, c) => n + c.total, 0)).toBe(items.length);
        },
      ),
    );
  });

  it('deals the same data the same way, and refuses no reviewer', () => {
    const items = [
      { key: 'b', holder: 'x' },
      { key: 'a', holder: 'y' },
      { key: 'c', holder: 'z' },
    ];
    expect(assignReviewers(items, [rhea, sam]).map((i) => [i.key, i.reviewer.id])).toEqual([
      ['a', 'r'],
      ['b', 's'],
      ['c', 'r'],
    ]);
    expect(() => assignReviewers(items, [])).toThrow(/at least one reviewer/);
  });
});

describe('checkDecision', () => {
  it('needs a reason; reassigns only ownership, to someone else', () => {
    expect(checkDecision('agent-roles', 'a@x', { decision: 'revoke', reason: ' left ' })).toEqual({
      decision: 'revoke',
      reason: 'left',
      reassignTo: null,
    });
    expect(() => checkDecision('agent-roles', 'a@x', { decision: 'keep', reason: '' })).toThrow(/reason/);
    expect(() => checkDecision('agent-roles', 'a@x', { decision: 'drop', reason: 'x' })).toThrow(/keep, revoke/);
    expect(() =>
      checkDecision('gpt-sharing', 'a@x', { decision: 'reassign', reason: 'x', reassignTo: 'b@x.io' }),
    ).toThrow(/only ownership/);
    expect(() =>
      checkDecision('agent-owners', 'a@x.io', { decision: 'reassign', reason: 'x', reassignTo: 'A@x.io' }),
    ).toThrow(/current owner/);
    expect(
      checkDecision('gpt-owners', 'a@x.io', { decision: 'reassign', reason: 'x', reassignTo: 'B@x.io' }).reassignTo,
    ).toBe('b@x.io');
  });
});

describe('recurrence', () => {
  it('starts the successor a recurrence after the start, as long as the first, once the first ended or is due', () => {
    const startsAt = new Date('2026-01-01T00:00:00Z');
    const prev = { startsAt, dueAt: new Date(startsAt.getTime() + 14 * DAY), recurrenceDays: 90 };
    expect(successorDates(prev)).toEqual({
      startsAt: new Date(startsAt.getTime() + 90 * DAY),
      dueAt: new Date(startsAt.getTime() + 104 * DAY),
    });
    const c = { status: 'running', dueAt: prev.dueAt, recurrenceDays: 90, hasSuccessor: false };
    expect(needsSuccessor(c, new Date(startsAt.getTime() + DAY))).toBe(false);
    expect(needsSuccessor(c, prev.dueAt)).toBe(true);
    expect(needsSuccessor({ ...c, status: 'closed' }, startsAt)).toBe(true);
    expect(needsSuccessor({ ...c, status: 'closed', hasSuccessor: true }, startsAt)).toBe(false);
    expect(needsSuccessor({ ...c, recurrenceDays: null, status: 'completed' }, startsAt)).toBe(false);
    expect(() => checkRecurrence(3)).toThrow(/recurrenceDays/);
    expect(checkRecurrence(null)).toBeNull();
  });
});

describe('campaignFindings', () => {
  const change = (over: Partial<CampaignChange>): CampaignChange => ({
    itemId: 'i1',
    campaignId: 'c1',
    campaignName: 'Q1',
    scope: 'agent-owners',
    key: 'agent-owner:a1',
    label: 'Alpha — owner',
    holder: 'ann@x.io',
    access: 'owner',
    subjectType: 'agent',
    subjectId: 'a1',
    decision: 'revoke',
    reassignTo: null,
    reason: 'unused',
    decidedBy: 'rhea@t.example',
    decidedAt: new Date('2026-01-02T00:00:00Z'),
    current: 'ann@x.io',
    ...over,
  });

  it('keeps a revoke open while the same holder still has the access, and lets it go once gone or changed', () => {
    expect(campaignFindings([change({})]).map((d) => [d.key, d.kind, d.control])).toEqual([
      ['campaign-revoke:i1', 'campaign-revoke', '6.1'],
    ]);
    expect(campaignFindings([change({ current: null })])).toEqual([]);
    expect(campaignFindings([change({ current: 'dora@x.io' })])).toEqual([]);
    expect(campaignFindings([change({ scope: 'gpt-sharing' })])[0]!.control).toBe('3.1');
    const role = change({ subjectType: 'member', subjectId: 'bob@x.io', label: 'bob@x.io — role agents-build' });
    expect(campaignFindings([role])[0]).toMatchObject({ subjectLabel: 'bob@x.io', subjectType: 'member' });
  });

  it('keeps a reassign open until the new owner holds it', () => {
    const reassign = { decision: 'reassign' as const, reassignTo: 'dora@x.io' };
    expect(campaignFindings([change(reassign)])[0]!.message).toMatch(/still ann@x\.io/);
    expect(campaignFindings([change({ ...reassign, current: 'eve@x.io' })])).toHaveLength(1);
    expect(campaignFindings([change({ ...reassign, current: 'dora@x.io' })])).toEqual([]);
  });
});
