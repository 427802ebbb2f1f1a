// Publish-review decisions and the published register (guide 6.3, 6.7), read through lib/reviews: the decisions
// newest first, and the register with the columns of its CSV export and evidence set.
import { z } from 'zod';
import { DECISIONS } from '@/lib/reviews/decisions.ts';
import { reviewDecisionById, reviewDecisionPage, type DecisionRow } from '@/lib/reviews/queries.ts';
import { registerPage } from '@/lib/reviews/register.ts';
import { listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { timeIdCursor, utcDay } from './audit.ts';
import { ApiProblem } from '../problem.ts';
import { iso, isoOrNull, Timestamp } from '../schemas.ts';

const KINDS = ['workspace_agent', 'custom_gpt'] as const;
const ReviewDecision = z
  .object({
    id: z.string(),
    agent_id: z.string().nullable().meta({ description: "The platform's agent id; null if the agent is gone." }),
    agent_name: z.string().nullable(),
    kind: z.enum(KINDS).nullable().meta({ description: 'workspace_agent or custom_gpt; null if the agent is gone.' }),
    config_hash: z.string().meta({ description: 'The configuration the decision is pinned to.' }),
    version_id: z.string().nullable(),
    sequence: z.number().int(),
    decision: z.enum(DECISIONS),
    reason: z.string(),
    reviewer: z.string().meta({ description: "The reviewer's label (an email, or an API token with its owner)." }),
    reviewer_email: z.string().nullable(),
    decided_at: Timestamp,
    checklist_steps: z.array(z.number().int()).meta({ description: 'Pre-launch checklist steps confirmed (6.07).' }),
    conditions: z.string().nullable(),
    exception_ids: z.array(z.string()).meta({ description: 'Exceptions relied on at this decision.' }),
  })
  .meta({ id: 'ReviewDecision', description: 'A publish-review decision on one agent configuration.' });

function showDecision(d: DecisionRow): z.infer<typeof ReviewDecision> {
  return {
    id: d.id,
    agent_id: d.agentExternalId,
    agent_name: d.agentName,
    kind: d.agentKind as (typeof KINDS)[number] | null,
    config_hash: d.configHash,
    version_id: d.versionId,
    sequence: d.sequence,
    decision: d.decision as (typeof DECISIONS)[number],
    reason: d.reason,
    reviewer: d.reviewerLabel,
    reviewer_email: d.reviewerEmail,
    decided_at: iso(d.decidedAt),
    checklist_steps: d.checklist,
    conditions: d.conditions,
    exception_ids: d.exceptionIds,
  };
}

const RegisterEntry = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    agent_name: z.string(),
    owner_email: z.string(),
    version: z.string().nullable(),
    config_hash: z.string(),
    approvers: z.array(z.string()),
    effective_at: Timestamp,
    conditions: z.string().nullable(),
    superseded_at: Timestamp.nullable().meta({ description: 'Null while the entry is in force.' }),
    decision_ids: z.array(z.string()),
    kind: z.enum(KINDS),
  })
  .meta({
    id: 'RegisterEntry',
    description: 'An approved configuration in the published register: the columns of the register CSV.',
  });

type RegisterRow = Awaited<ReturnType<typeof registerPage>>[number];
function showEntry(e: RegisterRow): z.infer<typeof RegisterEntry> {
  return {
    id: e.id,
    agent_id: e.externalId,
    agent_name: e.agentName,
    owner_email: e.ownerEmail,
    version: e.versionId,
    config_hash: e.configHash,
    approvers: e.approvers,
    effective_at: iso(e.effectiveAt),
    conditions: e.conditions,
    superseded_at: isoOrNull(e.supersededAt),
    decision_ids: e.decisionIds,
    kind: e.kind as (typeof KINDS)[number],
  };
}

const text = (description: string) => z.string().trim().min(1).max(200).optional().meta({ description });

export const reviewOperations = [
  defineOperation({
    id: 'listReviewDecisions',
    method: 'GET',
    path: '/review-decisions',
    tag: 'Reviews',
    summary: 'Publish-review decisions, newest first',
    permission: 'reviews:read',
    workspace: 'query',
    query: z.object({
      ...pageQuery,
      agent: text("Only this agent's decisions (the platform's agent id)."),
      decision: z.enum(DECISIONS).optional(),
      reviewer: text('Only decisions by this reviewer (their label, exactly).'),
      from: utcDay.optional().meta({ description: 'Decided on or after this UTC day (YYYY-MM-DD).' }),
      to: utcDay.optional().meta({ description: 'Decided on or before this UTC day (YYYY-MM-DD).' }),
    }),
    responses: { 200: { description: 'A page of decisions.', schema: listOf(ReviewDecision) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, ...filter } = query;
      const rows = await reviewDecisionPage(db, workspaceId, filter, timeIdCursor(cursor), limit + 1);
      return { status: 200, body: pageOf(rows, limit, (d) => [iso(d.decidedAt), d.id], showDecision) };
    },
  }),
  defineOperation({
    id: 'getReviewDecision',
    method: 'GET',
    path: '/review-decisions/{decision_id}',
    tag: 'Reviews',
    summary: 'One publish-review decision',
    permission: 'reviews:read',
    workspace: 'query',
    params: z.object({ decision_id: z.string().min(1).max(200) }),
    responses: { 200: { description: 'The decision.', schema: ReviewDecision } },
    async handle({ db, workspaceId, params }) {
      const row = await reviewDecisionById(db, workspaceId, params.decision_id);
      if (!row) throw new ApiProblem('not-found', 'No such decision in this workspace.');
      return { status: 200, body: showDecision(row) };
    },
  }),
  defineOperation({
    id: 'listRegister',
    method: 'GET',
    path: '/register',
    tag: 'Reviews',
    summary: 'The published register, newest entry first',
    description: 'The rows of the register CSV (Reviews → Published register → Export CSV), with the same filters.',
    permission: 'reviews:read',
    workspace: 'query',
    query: z.object({
      ...pageQuery,
      q: text('Agent id, agent name or owner email contains this (case-insensitive).'),
      approver: text('Only entries this approver signed (their label, exactly).'),
      show: z
        .enum(['current', 'all'])
        .default('current')
        .meta({ description: 'current: entries in force; all: superseded ones too (history).' }),
    }),
    responses: { 200: { description: 'A page of register entries.', schema: listOf(RegisterEntry) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, ...filter } = query;
      const rows = await registerPage(db, workspaceId, filter, timeIdCursor(cursor), limit + 1);
      return { status: 200, body: pageOf(rows, limit, (e) => [iso(e.effectiveAt), e.id], showEntry) };
    },
  }),
];
