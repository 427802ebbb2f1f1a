import { describe, expect, it } from 'vitest';
import { AUTOMATED } from './rules.ts';
import { agents, DAY, finding, now, passingFacts, some } from './facts.fixture.ts';
import type { PostureFacts } from './types.ts';

const run = (id: string, f: PostureFacts) => AUTOMATED[id]!(f).map((c) => [c.id, c.met]);

describe('automated rules', () => {
  it('pass on facts that meet the guide', () => {
    for (const id of Object.keys(AUTOMATED))
      expect(
        AUTOMATED[id]!(passingFacts()).every((c) => c.met),
        id,
      ).toBe(true);
  });

  it('1.3 fails without a SCIM token or with members not from SCIM', () => {
    expect(
      run(
        '1.3',
        passingFacts({
          scim: {
            activeTokens: 0,
            activeMembers: 3,
            scimMembers: 2,
            notFromScim: [{ label: 'x@acme.example', href: null }],
          },
        }),
      ),
    ).toEqual([
      ['scim-token', false],
      ['roster-from-scim', false],
    ]);
    expect(
      run('1.3', passingFacts({ scim: { activeTokens: 1, activeMembers: 0, scimMembers: 0, notFromScim: [] } })),
    ).toEqual([
      ['scim-token', true],
      ['roster-from-scim', false],
    ]);
  });

  it('1.4 fails on too many owners and on overdue re-attestation', () => {
    expect(
      run('1.4', passingFacts({ findings: [finding('owners-over-limit'), finding('attestation-overdue')] })),
    ).toEqual([
      ['owners-limit', false],
      ['admins-attested', false],
    ]);
  });

  it('3.2 and 6.2 fail on allow_all, unexcepted custom and new actions allowed; an exception in force is met', () => {
    const failing = passingFacts({
      findings: [finding('allow-all'), finding('action-custom'), finding('new-actions-allow')],
    });
    expect(run('6.2', failing)).toEqual([
      ['no-allow-all', false],
      ['custom-under-exception', false],
      ['new-actions-denied', false],
    ]);
    // 3.2 also holds the GPT checks (lib/posture/gpt-rules.test.ts) after the app checks it shares with 6.2.
    expect(run('3.2', failing).slice(0, 3)).toEqual(run('6.2', failing));
    const excepted = AUTOMATED['6.2']!(passingFacts({ findings: [finding('action-custom', 'excepted')] }))[1]!;
    expect(excepted).toMatchObject({
      met: true,
      detail: expect.stringContaining('covered by an exception in force'),
    });
  });

  it('6.1 fails per departure kind', () => {
    expect(run('6.1', passingFacts({ findings: [finding('role-drift'), finding('direct-assignment')] }))).toEqual([
      ['roles-at-baseline', false],
      ['scim-mapped', true],
      ['no-direct-assignments', false],
      ['shared-connections', true],
    ]);
    expect(run('6.1', passingFacts({ findings: [finding('role-unmapped'), finding('shared-connections')] }))).toEqual([
      ['roles-at-baseline', true],
      ['scim-mapped', false],
      ['no-direct-assignments', true],
      ['shared-connections', false],
    ]);
  });

  it('6.3 fails when a published agent lacks a required gate, and names it', () => {
    const record = { label: 'Deal desk (a1): email_send', href: '/reviews/a1' };
    const [check] = AUTOMATED['6.3']!(passingFacts({ agents: agents({ published: 2, ungated: some(1, record) }) }));
    expect(check).toMatchObject({
      met: false,
      detail: '1 of 2 published agents act without a required human gate.',
      records: [record],
    });
    expect(AUTOMATED['6.3']!(passingFacts({ agents: agents({ published: 0 }) }))[0]).toMatchObject({
      met: true,
      detail: 'No published agent.',
    });
  });

  it('6.4 fails on an exposed agent and without the first-use rule', () => {
    expect(
      run(
        '6.4',
        passingFacts({
          agents: agents({ exposed: some(3, { label: 'Deal desk (a1)', href: '/agents/a1' }) }),
          firstUseRule: false,
        }),
      ),
    ).toEqual([
      ['no-exposed', false],
      ['first-use-detection', false],
    ]);
    expect(AUTOMATED['6.4']!(passingFacts({ agents: agents({ total: 5, exposed: some(3) }) }))[0]).toMatchObject({
      detail: '3 of 5 agents hold the trifecta unmitigated.',
      share: { passing: 2, total: 5 },
    });
  });

  it('6.5 fails without a runbook, without a drill in 90 days, or with a slow or unconfirmed one', () => {
    expect(
      run('6.5', passingFacts({ runbook: { configured: false, missing: ['authority'] }, lastDrill: null })),
    ).toEqual([
      ['runbook', false],
      ['drill', false],
    ]);
    expect(
      run('6.5', passingFacts({ lastDrill: { at: new Date(now.getTime() - 90 * DAY), minutes: 5, href: '/s' } })),
    ).toEqual([
      ['runbook', true],
      ['drill', false],
    ]);
    expect(run('6.5', passingFacts({ lastDrill: { at: now, minutes: 15, href: '/s' } }))).toEqual([
      ['runbook', true],
      ['drill', false],
    ]);
    expect(run('6.5', passingFacts({ lastDrill: { at: now, minutes: null, href: '/s' } }))).toEqual([
      ['runbook', true],
      ['drill', false],
    ]);
  });

  it('6.6 fails without a puller or with a log type not live', () => {
    expect(run('6.6', passingFacts({ logs: { configured: false, types: [] } }))).toEqual([['logs-live', false]]);
    expect(
      run(
        '6.6',
        passingFacts({
          logs: {
            configured: true,
            types: [
              { logType: 'AUDIT_LOG', status: 'stale' },
              { logType: 'CUSTOM_AGENTS_LOG', status: 'live' },
            ],
          },
        }),
      ),
    ).toEqual([['logs-live', false]]);
  });

  it('6.7 fails on a stale checklist step and on a published agent without approval', () => {
    const checklist = passingFacts().checklist.map((s) => (s.step === 4 ? { ...s, status: 'stale' as const } : s));
    expect(
      run(
        '6.7',
        passingFacts({
          checklist,
          agents: agents({ unapproved: some(1, { label: 'Deal desk (a1)', href: '/reviews/a1' }) }),
        }),
      ),
    ).toEqual([
      ['workspace-checklist', false],
      ['published-reviewed', false],
    ]);
  });
});
