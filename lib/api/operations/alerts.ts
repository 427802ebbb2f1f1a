// Alerts: the inbox with the Alerts page's filters (each alert with the Compliance Logs event ids that raised it),
// one alert with its triage notes, and triage (status, assignee, note) through the page's own service.
import { z } from 'zod';
import { ALERT_STATUSES, SEVERITIES } from '@/lib/alerts/filter.ts';
import { alertWithNotes, pageAlerts } from '@/lib/alerts/queries.ts';
import { alertRisks } from '@/lib/alerts/risks.ts';
import { triageAlert } from '@/lib/alerts/service.ts';
import type { Db } from '@/lib/db.ts';
import { listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { iso, Timestamp } from '../schemas.ts';
import { RiskTag, riskQuery } from './risk-shapes.ts';
import { decodeTimeCursor, timeKey } from './time-cursor.ts';

const Alert = z
  .object({
    id: z.string(),
    rule_id: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    agent_id: z.string().nullable().meta({ description: "The platform's agent id, when it is about an agent." }),
    event_ids: z.array(z.string()).meta({ description: 'The Compliance Logs events that raised it.' }),
    message: z.string(),
    at: Timestamp.meta({ description: 'When it happened: the time of the event that fired it.' }),
    status: z.enum(ALERT_STATUSES),
    assignee: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    risks: z.array(RiskTag).meta({ description: "The OWASP / ATLAS ids its rule's Sigma tags name." }),
  })
  .meta({ id: 'Alert' });

const AlertNote = z
  .object({
    at: Timestamp,
    author: z.string(),
    kind: z.string().meta({ description: 'status, assignee or note.' }),
    text: z.string(),
  })
  .meta({ id: 'AlertNote' });

const AlertDetail = Alert.extend({
  notes: z.array(AlertNote).meta({ description: 'Triage: every change of status or assignee, and every note.' }),
}).meta({ id: 'AlertDetail' });

type Row = NonNullable<Awaited<ReturnType<typeof alertWithNotes>>>;

function showAlert(r: Omit<Row, 'notes'>) {
  return {
    id: r.id,
    rule_id: r.ruleId,
    title: r.title,
    severity: r.severity as (typeof SEVERITIES)[number],
    agent_id: r.agentId,
    event_ids: r.eventIds,
    message: r.message,
    at: iso(r.at),
    status: r.status as (typeof ALERT_STATUSES)[number],
    assignee: r.assignee,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
    risks: alertRisks(r.ruleId),
  };
}

async function alertDetail(db: Db, workspaceId: string, id: string) {
  const row = await alertWithNotes(db, workspaceId, id);
  if (!row) throw new ApiProblem('not-found', 'No such alert in this workspace.');
  return {
    ...showAlert(row),
    notes: row.notes.map((n) => ({
      at: iso(n.at),
      author: n.author,
      kind: n.kind,
      text: n.text,
    })),
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);

// The Alerts page's URL filters, by the same names and values (its `page` is this list's cursor).
const AlertQuery = z.object({
  ...pageQuery,
  severity: z.enum(SEVERITIES).optional(),
  status: z
    .enum([...ALERT_STATUSES, 'active', 'all'])
    .default('active')
    .meta({ description: 'active (default): open or acknowledged; or one status; or all.' }),
  rule: text(120).optional().meta({ description: 'A rule id.' }),
  agent: text(200).optional().meta({ description: "The platform's agent id." }),
  assignee: text(320).optional(),
  risk: riskQuery,
});

const AlertParams = z.object({ alert_id: z.string().min(1).max(200) });

const TriageBody = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    assignee: z
      .string()
      .trim()
      .max(320)
      .nullable()
      .optional()
      .meta({ description: 'Who handles it; null or empty unassigns. Absent: unchanged.' }),
    note: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .optional()
      .meta({ description: 'Kept on the alert; required to mark it a false positive.' }),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.note !== undefined, {
    message: 'give status, assignee, note or several',
  })
  .meta({ id: 'AlertTriage' });

export const alertOperations = [
  defineOperation({
    id: 'listAlerts',
    method: 'GET',
    path: '/alerts',
    tag: 'Alerts',
    summary: 'Alerts, filtered as on the Alerts page',
    description: 'Newest event first. Each alert lists the Compliance Logs event ids that raised it.',
    permission: 'alerts:read',
    workspace: 'query',
    query: AlertQuery,
    responses: { 200: { description: 'A page of alerts, newest first.', schema: listOf(Alert) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, ...filter } = query;
      const rows = await pageAlerts(db, workspaceId, { ...filter, page: 1 }, decodeTimeCursor(cursor), limit + 1);
      return { status: 200, body: pageOf(rows, limit, (r) => timeKey(r.at, r.id), showAlert) };
    },
  }),
  defineOperation({
    id: 'getAlert',
    method: 'GET',
    path: '/alerts/{alert_id}',
    tag: 'Alerts',
    summary: 'One alert, with its triage notes',
    permission: 'alerts:read',
    workspace: 'query',
    params: AlertParams,
    responses: { 200: { description: 'The alert.', schema: AlertDetail } },
    async handle({ db, workspaceId, params }) {
      return { status: 200, body: await alertDetail(db, workspaceId, params.alert_id) };
    },
  }),
  defineOperation({
    id: 'triageAlert',
    method: 'PATCH',
    path: '/alerts/{alert_id}',
    tag: 'Alerts',
    summary: 'Triage an alert: status, assignee, note',
    description:
      "As the alert page's triage form does (the same service, notes and audit event, alert.triage). Send " +
      'If-Match with the ETag of GET /alerts/{alert_id} to refuse the change (412) when the alert changed meanwhile.',
    permission: 'alerts:triage',
    workspace: 'query',
    params: AlertParams,
    body: TriageBody,
    versioned: true,
    example: { status: 'acknowledged', note: 'Looking into it with the agent owner.' },
    responses: { 200: { description: 'The alert as it is now.', schema: AlertDetail } },
    async handle({ db, actor, workspaceId, params, body, checkIfMatch }) {
      checkIfMatch(await alertDetail(db, workspaceId, params.alert_id));
      await triageAlert(db, actor, workspaceId, params.alert_id, body);
      return { status: 200, body: await alertDetail(db, workspaceId, params.alert_id) };
    },
  }),
];
