import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditTime, canonicalJson, findBreak, GENESIS, hashEvent, type AuditContent } from './chain.ts';
import { diffRecords, redactSecrets } from './redact.ts';

function chain(n: number) {
  const events: (AuditContent & { hash: string })[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const e: AuditContent = {
      seq: BigInt(i),
      at: new Date(Date.UTC(2026, 10, 22, 10, 0, i)),
      actorId: 'u1',
      actorLabel: 'ada@example.com',
      role: 'admin',
      action: 'workspace.create',
      targetType: 'workspace',
      targetId: `ws-${i}`,
      workspaceId: null,
      diff: { after: { name: `W${i}`, nested: { b: 1, a: 2 } } },
      requestId: null,
      sourceIp: '10.0.0.1',
      prevHash: prev,
    };
    const hash = hashEvent(e);
    events.push({ ...e, hash });
    prev = hash;
  }
  return events;
}

describe('audit chain', () => {
  it('canonical JSON ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } })).toBe('{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}');
  });

  it('accepts an intact chain and names the first altered, reordered or missing link', () => {
    const events = chain(5);
    expect(findBreak(events).broken).toBeNull();

    const altered = events.map((e) => (e.seq === 3n ? { ...e, actorLabel: 'mallory@example.com' } : e));
    expect(findBreak(altered).broken).toEqual({ seq: 3n, reason: expect.stringMatching(/altered/) });

    const missing = events.filter((e) => e.seq !== 2n);
    expect(findBreak(missing).broken?.seq).toBe(3n);

    // Rewriting a row AND its hash still breaks the next link.
    const rehashed = events.map((e) =>
      e.seq === 2n ? { ...e, action: 'x', hash: hashEvent({ ...e, action: 'x' }) } : e,
    );
    expect(findBreak(rehashed).broken).toEqual({ seq: 3n, reason: expect.stringMatching(/previous-hash/) });
  });

  it('redacts secret-looking fields in diffs and keeps only changed fields', () => {
    expect(redactSecrets({ apiKey: 'sk-123', nested: { client_secret: 'x', name: 'ok' } })).toEqual({
      apiKey: '[redacted]',
      nested: { client_secret: '[redacted]', name: 'ok' },
    });
    expect(diffRecords({ name: 'a', token: 't1', same: 1 }, { name: 'b', token: 't2', same: 1 })).toEqual({
      before: { name: 'a', token: '[redacted]' },
      after: { name: 'b', token: '[redacted]' },
    });
  });

  it('dates an event with its own time, never before the head or a signed head, never in the future', () => {
    const clock = new Date('2026-12-06T07:00:00Z');
    const head = new Date('2026-10-24T09:00:00Z');
    expect(auditTime(new Date('2026-10-25T10:00:00Z'), [head, null], clock)).toEqual(new Date('2026-10-25T10:00:00Z'));
    expect(auditTime(undefined, [head], clock)).toEqual(clock);
    expect(auditTime(new Date('2026-10-01T00:00:00Z'), [head, undefined], clock)).toEqual(head);
    expect(auditTime(new Date('2027-01-01T00:00:00Z'), [head], clock)).toEqual(clock);
    expect(auditTime(new Date(Number.NaN), [head], clock)).toEqual(clock);
    const time = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.option(time, { nil: undefined }),
        fc.array(fc.option(time, { nil: null }), { maxLength: 3 }),
        time,
        (requested, floors, now) => {
          const at = auditTime(requested, floors, now).getTime();
          const floor = Math.max(...floors.map((f) => f?.getTime() ?? -Infinity));
          expect(at).toBeGreaterThanOrEqual(floor);
          expect(at).toBeLessThanOrEqual(Math.max(now.getTime(), floor));
          if (requested && requested <= now && requested.getTime() >= floor) expect(at).toBe(requested.getTime());
        },
      ),
    );
  });
});
