// How an event is written on the wire: the Tollgate envelope (RFC 3339 UTC), and one line of text for Slack with a
// link to the event's page in Tollgate when the app's URL is known.
import { describe, expect, it } from 'vitest';
import {
  alertEvent,
  envelope,
  exceptionExpiringEvent,
  findingEvent,
  platformActionEvent,
  renderBody,
  reviewDecidedEvent,
  slackBody,
  type StoredWebhookEvent,
  type WebhookEventInput,
} from './events.ts';

const at = new Date('2026-12-06T09:14:03.120Z');
const stored = (e: WebhookEventInput): StoredWebhookEvent => ({
  ...e,
  id: 'ev-1',
  workspaceId: 'ws-1',
  occurredAt: at,
});
const text = (e: WebhookEventInput, appUrl?: string) => JSON.parse(slackBody(stored(e), appUrl)).text as string;

describe('webhook bodies', () => {
  it('wraps the data in the envelope with the id, type, UTC time and workspace', () => {
    const e = stored(
      findingEvent('finding.closed', { id: 'f1', key: 'k', control: '2.3', kind: 'x', subjectId: 's', message: 'm' }),
    );
    expect(JSON.parse(envelope(e))).toEqual({
      id: 'ev-1',
      type: 'finding.closed',
      occurred_at: '2026-12-06T09:14:03.120Z',
      workspace_id: 'ws-1',
      data: { finding_id: 'f1', key: 'k', control: '2.3', kind: 'x', subject_id: 's', message: 'm' },
    });
    expect(renderBody('tollgate', e)).toBe(envelope(e));
  });

  it('writes one line per event type for Slack, linked to its page when the app URL is known', () => {
    const alert = alertEvent({
      id: 'al1',
      ruleId: 'r',
      severity: 'critical',
      title: 'Connector newly granted',
      message: 'Gmail on ag-1.',
      agentId: 'ag-1',
      at,
    });
    expect(text(alert, 'https://tollgate.example/')).toBe(
      '[CRITICAL] Connector newly granted: Gmail on ag-1. <https://tollgate.example/alerts/al1|Open in Tollgate>',
    );
    expect(text(alert)).toBe('[CRITICAL] Connector newly granted: Gmail on ag-1.');
    const exception = exceptionExpiringEvent(
      { id: 'ex1', title: 'Slack custom', reviewAt: at, findingKeys: ['a'] },
      true,
      'CAB exception "Slack custom" expired.',
    );
    expect(text(exception, 'https://t.example')).toBe(
      'CAB exception "Slack custom" expired. <https://t.example/exceptions/ex1|Open in Tollgate>',
    );
    const review = reviewDecidedEvent({
      decisionId: 'd1',
      agentId: 'ag 1',
      agentName: 'Notes',
      decision: 'reject',
      reason: 'Not needed.',
      reviewer: 'rhea@acme.example',
      complete: false,
      configHash: null,
    });
    expect(text(review, 'https://t.example')).toBe(
      'Review of Notes: reject by rhea@acme.example — Not needed. <https://t.example/reviews/ag%201|Open in Tollgate>',
    );
    const action = platformActionEvent({
      id: 'pa1',
      kind: 'unpublish_agent',
      targetId: 'agt-0',
      status: 'answered',
      outcome: 'done',
      note: null,
    });
    expect(text(action)).toBe('Platform action unpublish_agent on agt-0: answered (done)');
    expect(renderBody('slack', stored(action))).toBe(slackBody(stored(action)));
  });
});

describe('subscription input', () => {
  it('refuses an unknown event, a repeated one and none at all', async () => {
    const { subscriptionInput } = await import('./schemas.ts');
    const base = { format: 'tollgate', minSeverity: null, enabled: true, description: '' };
    expect(subscriptionInput.safeParse({ ...base, eventTypes: ['alert.raised'] }).success).toBe(true);
    expect(subscriptionInput.safeParse({ ...base, eventTypes: ['alert.deleted'] }).success).toBe(false);
    expect(subscriptionInput.safeParse({ ...base, eventTypes: ['alert.raised', 'alert.raised'] }).success).toBe(false);
    expect(subscriptionInput.safeParse({ ...base, eventTypes: [] }).success).toBe(false);
    expect(subscriptionInput.safeParse({ ...base, eventTypes: ['alert.raised'], format: 'xml' }).success).toBe(false);
  });
});
