// Which requests wait for a second person (property): destructive kinds always; more than 10 targets when a person
// asks; a policy's held batch always; a policy's own requests of the reversible kinds otherwise not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, DESTRUCTIVE_KINDS, MAX_TARGETS_WITHOUT_APPROVAL } from './kinds.ts';
import { requestNeedsApproval } from './service.ts';

const target = { agentId: null, targetId: 't', label: 't' };

describe('requestNeedsApproval', () => {
  it('holds exactly the requests the two-person rule names', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTION_KINDS),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        (kind, count, byPolicy, forceApproval) => {
          const input = {
            kind,
            targets: Array.from({ length: count }, () => target),
            policy: byPolicy ? { key: 'published_unapproved', version: 1 } : undefined,
            forceApproval,
          };
          const expected =
            forceApproval || DESTRUCTIVE_KINDS.includes(kind) || (!byPolicy && count > MAX_TARGETS_WITHOUT_APPROVAL);
          expect(requestNeedsApproval(input)).toBe(expected);
        },
      ),
    );
  });

  it('an unpublish or isolate of up to 10 targets by a person is immediate; the 11th target makes it wait', () => {
    const of = (n: number) => Array.from({ length: n }, () => target);
    expect(requestNeedsApproval({ kind: 'unpublish_agent', targets: of(10) })).toBe(false);
    expect(requestNeedsApproval({ kind: 'isolate_gpt', targets: of(11) })).toBe(true);
    expect(requestNeedsApproval({ kind: 'delete_gpt_file', targets: of(1) })).toBe(true);
  });
});
