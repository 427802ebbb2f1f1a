import { describe, expect, it } from 'vitest';
import { parseReviewLegs, reviewedActionsMap, unknownActionKeys } from '@/lib/gpts/action-review.ts';
import type { GptAction } from '@/lib/gpts/types.ts';

const action = (domain: string, schemaSha256: string | null, status: GptAction['schemaStatus']): GptAction => ({
  domain,
  auth: 'none',
  privacyPolicyUrl: null,
  schemaStatus: status,
  schemaProblem: status === 'unknown' ? 'not YAML' : null,
  schemaSha256,
  servers: [],
  operations: [],
});

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
      action('a.example', 'ff', 'unknown'),
      action('b.example', null, 'unknown'),
      action('c.example', 'aa', 'parsed'),
      action('d.example', 'ff', 'unknown'),
    ];
    expect(unknownActionKeys(actions)).toEqual(['domain:b.example', 'ff']);
  });
});
