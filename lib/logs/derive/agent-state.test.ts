import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorEmailOf, parseLogLine } from '@/lib/logs/event.ts';
import { foldAgent, type AgentEvent } from './agent-state.ts';

const SAMPLE = path.resolve(
  import.meta.dirname,
  '../../../test/fixtures/compliance-logs/custom-agents-log.sample.jsonl',
);

function sampleEvents(): AgentEvent[] {
  return readFileSync(SAMPLE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const parsed = parseLogLine(line);
      if (!parsed.ok) throw new Error(parsed.reason);
      const { eventId, timestamp, eventType, record } = parsed.event;
      return { eventId, timestamp, eventType, actorEmail: actorEmailOf(record), record };
    });
}

function event(
  id: string,
  at: string,
  type: string,
  details: Record<string, unknown>,
  email = 'bo@acme.example',
): AgentEvent {
  return {
    eventId: id,
    timestamp: at,
    eventType: type,
    actorEmail: email,
    record: { event_details: { agent_id: 'a1', ...details } },
  };
}

describe('an agent observed through its events', () => {
  it('folds the reference sample into its final state', () => {
    const agent = foldAgent('agent-123', sampleEvents());
    expect(agent).toMatchObject({
      name: 'Sales Ops Agent',
      ownerEmail: 'alice.martin@example.com',
      status: 'deleted',
      versionId: 'version-7',
      connectors: [{ app: 'salesforce', allowedTools: ['read'], approvals: 'never', authVariant: 'LINK' }],
      skills: [{ id: 'skill-1', name: 'crm-guide', type: 'uploaded_skill' }],
      triggers: [{ id: 'trigger-1', type: 'connector', connectorId: 'salesforce', enabled: true }],
      publishedVersionId: 'version-7',
    });
  });

  it('gives the same state whatever order the events arrive in', () => {
    const events = sampleEvents();
    const reference = foldAgent('agent-123', events);
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = [...events].sort(
        (a, b) =>
          ((a.eventId.charCodeAt(a.eventId.length - 1) * seed) % 7) -
          ((b.eventId.charCodeAt(b.eventId.length - 1) * seed) % 7),
      );
      expect(foldAgent('agent-123', shuffled)).toEqual(reference);
    }
  });

  it('orders events with the same timestamp by event id, and records what each change did', () => {
    const at = '2026-05-01T10:00:00.000000Z';
    const agent = foldAgent('a1', [
      event('e2', at, 'AGENT_UPDATED', {
        agent_fields: { name: 'Two', tools: { connectors: [{ connector_id: 'gmail', user_approvals: 'always' }] } },
      }),
      event(
        'e1',
        at,
        'AGENT_CREATED',
        { agent_fields: { name: 'One', tools: { connectors: [] } } },
        'owner@acme.example',
      ),
      event('e3', '2026-05-02T00:00:00.000000Z', 'AGENT_PUBLISHED', { version_id: 'v3' }, 'admin@acme.example'),
    ]);
    expect(agent).toMatchObject({
      name: 'Two',
      ownerEmail: 'owner@acme.example',
      status: 'published',
      publishedConnectors: [{ app: 'gmail', approvals: 'always', allowedTools: null }],
    });
    expect(agent!.changes.map((c) => [c.kind, c.detail])).toEqual([
      ['agent_created', { versionId: null, name: { from: null, to: 'One' } }],
      ['agent_updated', { versionId: null, name: { from: 'One', to: 'Two' }, connectorsAdded: ['gmail'] }],
      ['agent_published', { versionId: 'v3', status: { from: 'draft', to: 'published' } }],
    ]);
  });

  it('is null for an agent seen only in runs, and ignores events that do not configure it', () => {
    expect(
      foldAgent('a1', [event('r1', '2026-05-01T00:00:00.000000Z', 'AGENT_RUN_CREATED', { run_id: 'r' })]),
    ).toBeNull();
  });
});

describe('runs observed through their events', () => {
  it('folds the reference sample run with its calls, memory and skills', async () => {
    const { foldRuns } = await import('./runs.ts');
    const [run, ...others] = foldRuns('agent-123', sampleEvents());
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      runId: 'thread_019c9c87-1084-7ad1-b487-c2ee563367c4',
      invoker: { type: 'chatgpt', kind: 'account_user', name: 'Alice Martin' },
      sharedInvocation: false,
      status: 'failed',
      failure: 'failed: upstream timeout',
      durationMs: 399_000,
      messages: 1,
      calls: [
        {
          toolCallId: 'call_123',
          connectorId: 'salesforce',
          action: 'read',
          requiresElicitation: true,
          elicitationType: 'approval',
          status: 'success',
        },
      ],
      memory: [{ op: 'read', path: 'customer-notes/q4.md' }],
      skills: [{ id: 'skill-1', name: 'crm-guide' }],
    });
  });
});
