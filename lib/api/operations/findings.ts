// Findings: the list with the Findings page's filters, one finding, and its assignment (owner and due date)
// through the page's own service (assignFinding). Status is only ever evaluated, so no request changes it.
import { z } from 'zod';
import { FINDING_CONTROLS, FINDING_STATUS_FILTERS, SUBJECT_TYPES } from '@/lib/findings/filter.ts';
import { findingJson, getFinding, pageFindings, type FindingView } from '@/lib/findings/queries.ts';
import { assignFinding } from '@/lib/findings/service.ts';
import { FINDING_KINDS } from '@/lib/findings/types.ts';
import type { Db } from '@/lib/db.ts';
import { decodeCursor, listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { isoOrNull, iso, Timestamp } from '../schemas.ts';
import { RiskTag, riskQuery } from './risk-shapes.ts';

const Finding = z
  .object({
    id: z.string(),
    key: z.string().meta({ description: 'Stable identity (kind + subject): what an exception lists.' }),
    control: z.string().meta({ description: "The guide's control, e.g. 6.1." }),
    kind: z.enum(FINDING_KINDS),
    subject: z.object({ type: z.string(), id: z.string(), label: z.string() }),
    message: z.string(),
    status: z.enum(['open', 'excepted', 'resolved']).meta({
      description: 'excepted: open, but covered now by an exception in force (exception_id).',
    }),
    owner: z.string().nullable(),
    due: Timestamp,
    overdue: z.boolean(),
    exception_id: z.string().nullable(),
    first_seen_at: Timestamp,
    last_seen_at: Timestamp,
    resolved_at: Timestamp.nullable(),
    risks: z.array(RiskTag).meta({
      description: "The OWASP agentic / LLM risks and ATLAS techniques it names: its kind's own, else its control's.",
    }),
  })
  .meta({ id: 'Finding' });

const FindingDetail = Finding.extend({
  cause: z
    .record(z.string(), z.unknown())
    .meta({ description: 'The records behind the finding (roles, members, apps, observed vs baseline…).' }),
}).meta({ id: 'FindingDetail' });

function showFinding(v: FindingView) {
  const { id, control, subject, message, status, owner, due, exception_id } = findingJson(v);
  return {
    id,
    key: v.key,
    control,
    kind: v.kind as (typeof FINDING_KINDS)[number],
    subject,
    message,
    status,
    owner,
    due,
    overdue: v.overdue,
    exception_id,
    first_seen_at: iso(v.firstSeenAt),
    last_seen_at: iso(v.lastSeenAt),
    resolved_at: isoOrNull(v.resolvedAt),
    risks: v.risks,
  };
}

async function findingDetail(db: Db, workspaceId: string, id: string) {
  const found = await getFinding(db, workspaceId, id, new Date());
  if (!found) throw new ApiProblem('not-found', 'No such finding in this workspace.');
  return { ...showFinding(found), cause: found.cause };
}

const text = (max: number) => z.string().trim().min(1).max(max);

// The Findings page's URL filters, by the same names and values; an unknown value is a 400 here, not ignored.
const FindingQuery = z.object({
  ...pageQuery,
  status: z.enum(FINDING_STATUS_FILTERS).default('current').meta({
    description: 'current (default): open and excepted; open; excepted; resolved; all.',
  }),
  control: z.enum(FINDING_CONTROLS).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  subject: z.enum(SUBJECT_TYPES).optional().meta({ description: 'The type of subject.' }),
  owner: text(320).optional().meta({ description: "The owner's email (any case), or `unassigned`." }),
  overdue: z.enum(['1']).optional().meta({ description: '1: only open findings past their due date.' }),
  q: text(200).optional().meta({ description: 'Text in the subject, message or key.' }),
  risk: riskQuery,
});

const FindingParams = z.object({ finding_id: z.string().min(1).max(200) });

const AssignBody = z
  .object({
    owner: z
      .email()
      .max(320)
      .nullable()
      .optional()
      .meta({ description: "The owner's email; null unassigns. Absent: unchanged." }),
    due: z.iso
      .date()
      .optional()
      .meta({ description: 'Due by the end of this UTC day (YYYY-MM-DD). Absent: unchanged.' }),
  })
  .strict()
  .refine((b) => b.owner !== undefined || b.due !== undefined, { message: 'give owner, due or both' })
  .meta({ id: 'FindingAssignment' });

export const findingOperations = [
  defineOperation({
    id: 'listFindings',
    method: 'GET',
    path: '/findings',
    tag: 'Findings',
    summary: 'Findings, filtered as on the Findings page',
    description: 'By key. Status excepted and overdue are derived now, as on the page.',
    permission: 'findings:read',
    workspace: 'query',
    query: FindingQuery,
    responses: { 200: { description: 'A page of findings, by key.', schema: listOf(Finding) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, ...filter } = query;
      const after = decodeCursor(cursor, 1);
      const rows = await pageFindings(db, workspaceId, filter, new Date(), after && String(after[0]), limit + 1);
      return { status: 200, body: pageOf(rows, limit, (v) => [v.key], showFinding) };
    },
  }),
  defineOperation({
    id: 'getFinding',
    method: 'GET',
    path: '/findings/{finding_id}',
    tag: 'Findings',
    summary: 'One finding, with what causes it',
    permission: 'findings:read',
    workspace: 'query',
    params: FindingParams,
    responses: { 200: { description: 'The finding.', schema: FindingDetail } },
    async handle({ db, workspaceId, params }) {
      return { status: 200, body: await findingDetail(db, workspaceId, params.finding_id) };
    },
  }),
  defineOperation({
    id: 'assignFinding',
    method: 'PATCH',
    path: '/findings/{finding_id}',
    tag: 'Findings',
    summary: "Set a finding's owner and due date",
    description:
      'As the finding page does (the same service and audit event, finding.assign). Send If-Match with the ' +
      'ETag of GET /findings/{finding_id} to refuse the change (412) when the finding changed meanwhile.',
    permission: 'findings:write',
    workspace: 'query',
    params: FindingParams,
    body: AssignBody,
    versioned: true,
    example: { owner: 'security-lead@example.com', due: '2027-03-31' },
    responses: { 200: { description: 'The finding as it is now.', schema: FindingDetail } },
    async handle({ db, actor, workspaceId, params, body, checkIfMatch }) {
      const current = await findingDetail(db, workspaceId, params.finding_id);
      checkIfMatch(current);
      await assignFinding(db, actor, workspaceId, params.finding_id, {
        owner: body.owner === undefined ? current.owner : body.owner,
        dueAt: body.due === undefined ? new Date(current.due) : new Date(`${body.due}T23:59:59.999Z`),
      });
      return { status: 200, body: await findingDetail(db, workspaceId, params.finding_id) };
    },
  }),
];
