// The events a webhook subscription can ask for, and how one is written on the wire: the Tollgate JSON envelope,
// or one line of text for Slack-compatible receivers. One list, used by validation, the settings page and docs.
export const WEBHOOK_EVENT_TYPES = [
  'alert.raised',
  'finding.opened',
  'finding.closed',
  'exception.expiring',
  'review.decided',
  'platform_action.done',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent by "Send test event" only: never subscribed to, always accepted. */
export const TEST_EVENT = 'webhook.test';

export const WEBHOOK_FORMATS = ['tollgate', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'alert.raised': 'Alert raised',
  'finding.opened': 'Finding opened (or reopened)',
  'finding.closed': 'Finding closed',
  'exception.expiring': 'CAB exception reaches its review date (14 days before, and on the day)',
  'review.decided': 'Publish review decided',
  'platform_action.done': 'Platform action answered or given up',
};

export type WebhookData = Record<string, string | number | boolean | null | string[]>;
/** An event as the outbox holds it; `subjectId` is what it is about (alert, finding, exception, agent, action). */
export type WebhookEventInput = { type: WebhookEventType | typeof TEST_EVENT; subjectId: string; data: WebhookData };
export type StoredWebhookEvent = WebhookEventInput & { id: string; workspaceId: string; occurredAt: Date };

export function isEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** RFC 3339 in UTC with milliseconds, the form every timestamp of the envelope takes. */
export const rfc3339 = (d: Date) => d.toISOString();

/** The body a `tollgate` subscription receives (its bytes are what the signature covers). */
export function envelope(e: StoredWebhookEvent): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    occurred_at: rfc3339(e.occurredAt),
    workspace_id: e.workspaceId,
    data: e.data,
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** Where the event can be opened in Tollgate (a path), when there is a page for it. */
function pagePath(e: StoredWebhookEvent): string | null {
  const d = e.data;
  switch (e.type) {
    case 'alert.raised':
      return `/alerts/${str(d.alert_id)}`;
    case 'finding.opened':
    case 'finding.closed':
      return `/findings/${str(d.finding_id)}`;
    case 'exception.expiring':
      return `/exceptions/${str(d.exception_id)}`;
    case 'review.decided':
      return `/reviews/${encodeURIComponent(str(d.agent_id))}`;
    case 'platform_action.done':
      return `/actions/${str(d.action_id)}`;
    default:
      return null;
  }
}

function text(e: StoredWebhookEvent): string {
  const d = e.data;
  switch (e.type) {
    case 'alert.raised':
      return `[${str(d.severity).toUpperCase()}] ${str(d.title)}: ${str(d.message)}`;
    case 'finding.opened':
      return `Finding opened (${str(d.control)}): ${str(d.message)}`;
    case 'finding.closed':
      return `Finding closed (${str(d.control)}): ${str(d.message)}`;
    case 'exception.expiring':
      return str(d.text);
    case 'review.decided':
      return `Review of ${str(d.agent_name)}: ${str(d.decision)} by ${str(d.reviewer)} — ${str(d.reason)}`;
    case 'platform_action.done':
      return `Platform action ${str(d.kind)} on ${str(d.target_id)}: ${str(d.status)} (${str(d.outcome)})`;
    default:
      return `Tollgate test event ${e.id}: this subscription reaches its receiver.`;
  }
}

/** The body a `slack` subscription receives: {"text": …}, linked to Tollgate when the app URL is known. */
export function slackBody(e: StoredWebhookEvent, appUrl?: string): string {
  const path = pagePath(e);
  const link = appUrl && path ? ` <${appUrl.replace(/\/$/, '')}${path}|Open in Tollgate>` : '';
  return JSON.stringify({ text: text(e) + link });
}

export function renderBody(format: string, e: StoredWebhookEvent, appUrl?: string): string {
  return format === 'slack' ? slackBody(e, appUrl) : envelope(e);
}

// The events each source writes: snake_case data, timestamps in RFC 3339 UTC, no personal content beyond names.

export function alertEvent(a: {
  id: string;
  ruleId: string;
  severity: string;
  title: string;
  message: string;
  agentId: string | null;
  at: Date;
}): WebhookEventInput {
  return {
    type: 'alert.raised',
    subjectId: a.id,
    data: {
      alert_id: a.id,
      rule_id: a.ruleId,
      severity: a.severity,
      title: a.title,
      message: a.message,
      agent_id: a.agentId,
      at: rfc3339(a.at),
    },
  };
}

export function findingEvent(
  type: 'finding.opened' | 'finding.closed',
  f: { id: string; key: string; control: string; kind: string; subjectId: string; message: string },
): WebhookEventInput {
  return {
    type,
    subjectId: f.id,
    data: {
      finding_id: f.id,
      key: f.key,
      control: f.control,
      kind: f.kind,
      subject_id: f.subjectId,
      message: f.message,
    },
  };
}

export function exceptionExpiringEvent(
  e: { id: string; title: string; reviewAt: Date; findingKeys: string[] },
  expired: boolean,
  text: string,
): WebhookEventInput {
  return {
    type: 'exception.expiring',
    subjectId: e.id,
    data: {
      exception_id: e.id,
      title: e.title,
      review_at: rfc3339(e.reviewAt),
      expired,
      finding_keys: e.findingKeys,
      text,
    },
  };
}

export function reviewDecidedEvent(r: {
  decisionId: string;
  agentId: string;
  agentName: string;
  decision: string;
  reason: string;
  reviewer: string;
  complete: boolean;
  configHash: string | null;
}): WebhookEventInput {
  return {
    type: 'review.decided',
    subjectId: r.agentId,
    data: {
      decision_id: r.decisionId,
      agent_id: r.agentId,
      agent_name: r.agentName,
      decision: r.decision,
      reason: r.reason,
      reviewer: r.reviewer,
      complete: r.complete,
      config_hash: r.configHash,
    },
  };
}

export function platformActionEvent(a: {
  id: string;
  kind: string;
  targetId: string;
  status: string;
  outcome: string;
  note: string | null;
}): WebhookEventInput {
  return {
    type: 'platform_action.done',
    subjectId: a.id,
    data: { action_id: a.id, kind: a.kind, target_id: a.targetId, status: a.status, outcome: a.outcome, note: a.note },
  };
}
