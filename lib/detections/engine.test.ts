import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '@/lib/apps/builtin.ts';
import { createAppResolver } from '@/lib/apps/resolve.ts';
import type { AgentEvent } from '@/lib/logs/derive/agent-state.ts';
import { configHash } from '@/lib/agents/config-hash.ts';
import { builtinRules } from './builtin.ts';
import { detect, type DetectionContext } from './engine.ts';

const day = (n: number, extra = '00:00:00') => `2026-01-${String(n).padStart(2, '0')}T${extra}.000000Z`;
let seq = 0;
function ev(
  at: string,
  eventType: string,
  details: Record<string, unknown>,
  actorEmail = 'builder@acme.example',
): AgentEvent {
  const eventId = `e${String(++seq).padStart(4, '0')}`;
  return {
    eventId,
    timestamp: at,
    eventType,
    actorEmail,
    record: {
      event_id: eventId,
      type: 'CUSTOM_AGENTS_LOG',
      timestamp: at,
      event_type: eventType,
      event_details: { agent_id: 'a1', ...details },
    },
  };
}
/** The hash the inventory gives these connectors (each with user_approvals never), as approvals pin it. */
const hashOf = (...ids: string[]) =>
  configHash(ids.map((id) => ({ app: id, allowedTools: null, approvals: 'never', authVariant: null })));
const connectors = (...ids: string[]) => ({
  agent_fields: {
    name: 'Deal desk',
    tools: { connectors: ids.map((id) => ({ connector_id: id, user_approvals: 'never' })) },
  },
});
const ctx = (over: Partial<DetectionContext> = {}): DetectionContext => ({
  rules: builtinRules(),
  resolveApp: createAppResolver(builtinCatalogue('guide')),
  reviewers: new Set(['rhea@acme.example']),
  observedSince: '2025-10-01T00:00:00.000000Z',
  approved: new Map(),
  ...over,
});
const call = (at: string, connector: string, action: string, requires = true) =>
  ev(at, 'CONNECTOR_CALL_REQUESTED', {
    connector_id: connector,
    action_name: action,
    requires_elicitation: requires,
    run_id: 'r',
  });

describe('detections', () => {
  it('raises a first use once per 30 days per agent, connector and action; high for a custom MCP server', () => {
    const alerts = detect(
      [
        call(day(1), 'salesforce', 'read'),
        call(day(5), 'salesforce', 'read'),
        call(day(5, '01:00:00'), 'mcp:acme-crm', 'lookup'),
        call('2026-02-05T00:00:01.000000Z', 'salesforce', 'read'),
      ],
      ctx(),
    ).filter((a) => a.ruleId === 'tollgate-6004-first-connector-action');
    expect(alerts.map((a) => [a.at, a.severity])).toEqual([
      [day(1), 'medium'],
      [day(5, '01:00:00'), 'high'],
      ['2026-02-05T00:00:01.000000Z', 'medium'],
    ]);
  });

  it('stays silent in the first 30 days of a workspace’s observed history, so a backfill does not flood', () => {
    expect(
      detect([call(day(1), 'salesforce', 'read')], ctx({ observedSince: '2025-12-20T00:00:00.000000Z' })).filter((a) =>
        a.ruleId.includes('first'),
      ),
    ).toEqual([]);
  });

  it('flags a connector granted after publish, critical when the agent is newly trifecta since its review', () => {
    const events = [
      ev(day(1), 'AGENT_CREATED', connectors('notion')),
      ev(day(2), 'AGENT_PUBLISHED', connectors('notion')),
      ev(day(3), 'AGENT_UPDATED', connectors('notion', 'google-drive')),
      ev(day(4), 'AGENT_UPDATED', connectors('notion', 'google-drive', 'slack')),
      ev(day(5), 'CONNECTOR_OAUTH_RESOLVED', { connector_id: 'github' }),
    ];
    const alerts = detect(events, ctx()).filter((a) => a.ruleId === 'tollgate-6006-connector-granted');
    expect(alerts.map((a) => [a.at, a.severity, a.message])).toEqual([
      [day(3), 'medium', 'google-drive granted to Deal desk.'],
      [
        day(4),
        'critical',
        'slack granted to Deal desk: it now holds the lethal trifecta, which its ' +
          'last reviewed configuration did not.',
      ],
      [
        day(5),
        'critical',
        'github resolved by OAuth but not in the configuration of Deal desk: it ' +
          'now holds the lethal trifecta, which its last reviewed configuration did not.',
      ],
    ]);
  });

  it('measures "newly trifecta" from the configuration approved in the publish review', () => {
    // Approved: gmail alone, already a trifecta. Granting slack later is not newly trifecta: medium.
    const approved = new Map([['a1', new Set([hashOf('gmail')])]]);
    const events = [
      ev(day(1), 'AGENT_CREATED', connectors('gmail')),
      ev(day(2), 'AGENT_PUBLISHED', connectors('gmail')),
      ev(day(3), 'AGENT_UPDATED', connectors('gmail', 'slack')),
    ];
    expect(
      detect(events, ctx({ approved }))
        .filter((a) => a.ruleId === 'tollgate-6006-connector-granted')
        .map((a) => a.severity),
    ).toEqual(['medium']);
    expect(
      detect(events, ctx())
        .filter((a) => a.ruleId === 'tollgate-6006-connector-granted')
        .map((a) => a.severity),
    ).toEqual(['critical']);
  });

  it('raises a critical alert when the platform publishes a configuration with no approval', () => {
    const events = [
      ev(day(1), 'AGENT_CREATED', connectors('notion')),
      ev(day(2), 'AGENT_PUBLISHED', connectors('notion')),
      ev(day(3), 'AGENT_PUBLISHED', connectors('notion', 'slack')),
    ];
    const approved = new Map([['a1', new Set([hashOf('notion')])]]);
    const alerts = detect(events, ctx({ approved })).filter(
      (a) => a.ruleId === 'tollgate-6003-published-without-approval',
    );
    expect(alerts.map((a) => [a.at, a.severity, a.eventIds.length])).toEqual([[day(3), 'critical', 1]]);
    expect(alerts[0]!.message).toMatch(
      /^Deal desk was published at configuration [0-9a-f]{12}…, which has no approval/,
    );
    expect(detect(events, ctx()).filter((a) => a.ruleId === 'tollgate-6003-published-without-approval')).toHaveLength(
      2,
    );
  });

  it('flags deletion by someone who is not a reviewer, not by a reviewer', () => {
    const alerts = detect(
      [
        ev(day(1), 'AGENT_CREATED', connectors('notion')),
        ev(day(2), 'AGENT_DELETED', {}, 'intern@acme.example'),
        ev(day(3), 'AGENT_DELETED', {}, 'rhea@acme.example'),
      ],
      ctx(),
    ).filter((a) => a.ruleId === 'tollgate-6005-agent-lifecycle');
    expect(alerts.map((a) => a.message)).toEqual([
      'deleted of Deal desk by intern@acme.example, who is not a reviewer.',
    ]);
  });

  it('flags an unapproved write by a trifecta agent and a shared invocation of an agent that can write', () => {
    const events = [
      ev(day(1), 'AGENT_CREATED', connectors('gmail')),
      call(day(2), 'gmail', 'send', false),
      call(day(2, '01:00:00'), 'gmail', 'read', false),
      call(day(2, '02:00:00'), 'gmail', 'send', true),
      ev(day(3), 'AGENT_RUN_CREATED', { run_id: 'r2', invoker: { type: 'slack', is_shared_invocation: true } }),
    ];
    const alerts = detect(events, ctx());
    expect(alerts.filter((a) => a.ruleId === 'tollgate-6003-unapproved-write-by-trifecta').map((a) => a.at)).toEqual([
      day(2),
    ]);
    expect(
      alerts.filter((a) => a.ruleId === 'tollgate-6001-shared-invocation-with-writes').map((a) => a.severity),
    ).toEqual(['medium']);
  });

  it('gives the same alerts, with the same keys, whatever order the events arrive in', () => {
    const events = [
      ev(day(1), 'AGENT_CREATED', connectors('notion')),
      ev(day(2), 'AGENT_PUBLISHED', connectors('notion')),
      ev(day(4), 'AGENT_UPDATED', connectors('notion', 'slack')),
      call(day(6), 'slack', 'post_to_channel', false),
      ev(day(7), 'AGENT_DELETED', {}, 'x@acme.example'),
    ];
    const ordered = detect(events, ctx());
    expect(detect([...events].reverse(), ctx())).toEqual(ordered);
    expect(new Set(ordered.map((a) => a.key)).size).toBe(ordered.length);
  });
});
