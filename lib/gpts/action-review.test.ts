import { describe, expect, it } from 'vitest';
import { parseReviewLegs, reviewedActionsMap, unknownActionKeys } from '@/lib/gpts/action-review.ts';
import { action, unknownAction } from '@/lib/gpts/gpt.fixture.ts';

describe('a reviewer’s legs for an unreadable action', () => {
  it('reads the checked legs once each, in the legs’ order, and names a value that is no leg', () => {
    expect(parseReviewLegs(['external_send', 'private_data', 'external_send'])).toEqual({
      ok: true,
      legs: ['private_data', 'external_send'],
    });
    expect(parseReviewLegs([])).toEqual({ ok: true, legs: [] });
    expect(parseReviewLegs(['untrusted_content', '__proto__'])).toEqual({ ok: false, bad: '__proto__' });
  });

  it('drops a stored leg that is not one, so a row edited by hand cannot add a fourth', () => {
    const map = reviewedActionsMap([{ reviewKey: 'k', legs: ['external_send', 'all', 'untrusted_content'] }]);
    expect(map.get('k')).toEqual(['untrusted_content', 'external_send']);
  });

  it('offers only unreadable actions, by document hash, else by domain', () => {
    const actions = [
      unknownAction('a.example', { schemaSha256: 'ff' }),
      unknownAction('b.example'),
      action('c.example', [], { schemaSha256: 'aa' }),
      unknownAction('d.example', { schemaSha256: 'ff' }),
    ];
    expect(unknownActionKeys(actions)).toEqual(['domain:b.example', 'ff']);
  });
});
