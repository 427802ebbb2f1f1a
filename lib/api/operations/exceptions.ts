// CAB exceptions: the list by the Exceptions page's groups, one exception with its findings and evidence, and a
// request through the page's own service (requestException): same checks, version and audit event.
import { z } from 'zod';
import type { Db } from '@/lib/db.ts';
import {
  EXCEPTION_STATUS_FILTERS,
  getException,
  pageExceptions,
  type ExceptionView,
} from '@/lib/exceptions/queries.ts';
import { ACTION_MODES, parseReviewDate, ROLE_BITS, SCOPE_KINDS } from '@/lib/exceptions/rules.ts';
import { requestException } from '@/lib/exceptions/service.ts';
import { MAX_REVIEW_DAYS } from '@/lib/exceptions/state.ts';
import { listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { iso, isoOrNull, Timestamp } from '../schemas.ts';
import { decodeTimeCursor, timeKey } from './time-cursor.ts';

const ScopeOut = z
  .object({
    kind: z.enum(SCOPE_KINDS),
    bit: z.enum(ROLE_BITS).optional(),
    people: z.array(z.string()).optional(),
    app_id: z.string().optional(),
    mode: z.enum(ACTION_MODES).optional(),
    agent_id: z.string().nullable().optional().meta({ description: "The platform's agent id (null: agent gone)." }),
    config_hash: z.string().optional().meta({ description: "The agent's configuration the exception is pinned to." }),
    control_id: z.string().optional(),
    categories: z.array(z.string()).optional(),
  })
  .meta({ id: 'ExceptionScope', description: 'What it accepts; the fields present depend on kind.' });

const Exception = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['requested', 'approved', 'rejected', 'revoked', 'expired']).meta({
      description: 'approved: in force until review_at; expired: approved and past review_at.',
    }),
    expiring: z.boolean().meta({ description: 'In force and reaching its review date within 14 days.' }),
    lapsed: z
      .boolean()
      .meta({ description: "Pinned to an agent's configuration that has changed since: covers nothing." }),
    scope: ScopeOut,
    scope_label: z.string(),
    finding_keys: z.array(z.string()),
    cab_ticket: z.string().nullable(),
    requested_by: z.string(),
    requested_at: Timestamp,
    review_at: Timestamp,
    decided_by: z.string().nullable(),
    decided_at: Timestamp.nullable(),
    revoked_by: z.string().nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .meta({ id: 'Exception' });

const ExceptionDetail = Exception.extend({
  business_case: z.string(),
  decision_note: z.string().nullable(),
  attachments: z.array(
    z
      .object({
        id: z.string(),
        filename: z.string().nullable(),
        size: z.number().int().nullable(),
        sha256: z.string().nullable(),
        url: z.string().nullable(),
        added_by: z.string(),
        added_at: Timestamp,
      })
      .meta({ id: 'ExceptionAttachment', description: 'A stored file (filename, size, sha256) or a link (url).' }),
  ),
  findings: z.array(
    z
      .object({
        key: z.string(),
        control: z.string(),
        subject_label: z.string(),
        message: z.string(),
        status: z.string(),
      })
      .meta({ id: 'ExceptionFinding', description: 'A finding it lists, with its stored status (open, resolved).' }),
  ),
}).meta({ id: 'ExceptionDetail' });

function showScope(v: ExceptionView): z.output<typeof ScopeOut> {
  const s = v.scope;
  switch (s.kind) {
    case 'role_bit':
      return { kind: s.kind, bit: s.bit, people: s.people };
    case 'action_control':
      return { kind: s.kind, app_id: s.appId, mode: s.mode };
    case 'trifecta':
      return { kind: s.kind, agent_id: v.agent?.externalId ?? null, config_hash: s.configHash };
    case 'approval_gate':
      return {
        kind: s.kind,
        agent_id: v.agent?.externalId ?? null,
        config_hash: s.configHash,
        categories: s.categories,
      };
    case 'control_na':
      return { kind: s.kind, control_id: s.controlId };
    case 'findings':
      return { kind: s.kind };
  }
}

function showException(v: ExceptionView) {
  return {
    id: v.id,
    title: v.title,
    status: v.status,
    expiring: v.expiring,
    lapsed: v.lapsed,
    scope: showScope(v),
    scope_label: v.scopeLabel,
    finding_keys: v.findingKeys,
    cab_ticket: v.cabTicket,
    requested_by: v.requestedBy,
    requested_at: iso(v.requestedAt),
    review_at: iso(v.reviewAt),
    decided_by: v.decidedBy,
    decided_at: isoOrNull(v.decidedAt),
    revoked_by: v.revokedBy,
    revoked_at: isoOrNull(v.revokedAt),
  };
}

async function exceptionDetail(db: Db, workspaceId: string, id: string) {
  const e = await getException(db, workspaceId, id, new Date());
  if (!e) throw new ApiProblem('not-found', 'No such exception in this workspace.');
  return {
    ...showException(e),
    business_case: e.businessCase,
    decision_note: e.decisionNote,
    attachments: e.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      size: a.size,
      sha256: a.sha256,
      url: a.url,
      added_by: a.addedBy,
      added_at: iso(a.addedAt),
    })),
    findings: e.findings.map((f) => ({
      key: f.key,
      control: f.control,
      subject_label: f.subjectLabel,
      message: f.message,
      status: f.status,
    })),
  };
}

const ExceptionQuery = z.object({
  ...pageQuery,
  status: z.enum(EXCEPTION_STATUS_FILTERS).optional().meta({
    description: "The Exceptions page's groups: a status as derived now, or expiring (in force, within 14 days).",
  }),
});

const agentId = z.string().trim().min(1).max(200).meta({ description: "The platform's agent id." });
const people = z.array(z.email().max(320)).min(1).max(200);
const categories = z
  .array(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(100),
  )
  .min(1)
  .max(20);

// The request form's fields, by kind of scope; the service validates the result once more (scopeInputSchema).
const ScopeIn = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('role_bit'), bit: z.enum(ROLE_BITS), people }).strict(),
    z
      .object({
        kind: z.literal('action_control'),
        app_id: z.string().trim().min(1).max(200),
        mode: z.enum(ACTION_MODES),
      })
      .strict(),
    z.object({ kind: z.literal('trifecta'), agent_id: agentId }).strict(),
    z.object({ kind: z.literal('approval_gate'), agent_id: agentId, categories }).strict(),
    z.object({ kind: z.literal('control_na'), control_id: z.string().regex(/^\d+\.\d+$/) }).strict(),
    z.object({ kind: z.literal('findings') }).strict(),
  ])
  .meta({ id: 'ExceptionScopeRequest' });

const RequestBody = z
  .object({
    title: z.string().trim().min(3).max(200),
    business_case: z.string().trim().min(10).max(10_000),
    scope: ScopeIn,
    finding_keys: z.array(z.string().trim().min(1).max(500)).max(200).default([]).meta({
      description: 'The findings it covers, by key (GET /findings). Scope kind findings covers only these.',
    }),
    cab_ticket: z.string().trim().max(100).optional(),
    review_at: z
      .union([z.iso.date(), z.iso.datetime()])
      .meta({ description: `YYYY-MM-DD (midnight UTC) or an instant: at most ${MAX_REVIEW_DAYS} days away.` }),
    links: z
      .array(z.url({ protocol: /^https$/ }).max(2000))
      .max(20)
      .default([])
      .meta({ description: 'https links as evidence.' }),
  })
  .strict()
  .meta({ id: 'ExceptionRequest' });

function serviceScope(s: z.output<typeof ScopeIn>) {
  switch (s.kind) {
    case 'role_bit':
      return { kind: s.kind, bit: s.bit, people: s.people };
    case 'action_control':
      return { kind: s.kind, appId: s.app_id, mode: s.mode };
    case 'trifecta':
      return { kind: s.kind, agentId: s.agent_id };
    case 'approval_gate':
      return { kind: s.kind, agentId: s.agent_id, categories: s.categories };
    case 'control_na':
      return { kind: s.kind, controlId: s.control_id };
    case 'findings':
      return { kind: s.kind };
  }
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const exceptionOperations = [
  defineOperation({
    id: 'listExceptions',
    method: 'GET',
    path: '/exceptions',
    tag: 'Exceptions',
    summary: 'CAB exceptions, by the Exceptions page groups',
    description: 'Newest request first. Statuses are derived now: an approval past its review date is expired.',
    permission: 'exceptions:read',
    workspace: 'query',
    query: ExceptionQuery,
    responses: { 200: { description: 'A page of exceptions, newest request first.', schema: listOf(Exception) } },
    async handle({ db, workspaceId, query }) {
      const { limit, cursor, status } = query;
      const at = decodeTimeCursor(cursor);
      const after = at && { requestedAt: at.at, id: at.id };
      const rows = await pageExceptions(db, workspaceId, { status }, new Date(), after, limit + 1);
      return { status: 200, body: pageOf(rows, limit, (v) => timeKey(v.requestedAt, v.id), showException) };
    },
  }),
  defineOperation({
    id: 'getException',
    method: 'GET',
    path: '/exceptions/{exception_id}',
    tag: 'Exceptions',
    summary: 'One exception, with its business case, evidence and findings',
    permission: 'exceptions:read',
    workspace: 'query',
    params: z.object({ exception_id: z.string().min(1).max(200) }),
    responses: { 200: { description: 'The exception.', schema: ExceptionDetail } },
    async handle({ db, workspaceId, params }) {
      return { status: 200, body: await exceptionDetail(db, workspaceId, params.exception_id) };
    },
  }),
  defineOperation({
    id: 'requestException',
    method: 'POST',
    path: '/exceptions',
    tag: 'Exceptions',
    summary: 'Request an exception (a CISO decides it)',
    description:
      'As the request form does (the same service, checks and audit event, exceptions.request). ' +
      'Idempotency-Key is honoured.',
    permission: 'exceptions:request',
    workspace: 'query',
    body: RequestBody,
    example: {
      title: 'Shared connections for the support lead',
      business_case: 'The support lead publishes the triage agent with the shared Zendesk connection until SSO.',
      scope: { kind: 'role_bit', bit: 'publish_agents_with_shared_connections', people: ['support-lead@example.com'] },
      cab_ticket: 'CAB-2026-0500',
      review_at: inDays(60),
    },
    responses: {
      201: {
        description: 'Requested: the exception as GET shows it.',
        schema: ExceptionDetail,
        headers: { location: 'The new exception.' },
      },
    },
    async handle({ db, actor, workspaceId, body }) {
      const { id } = await requestException(db, actor, workspaceId, {
        title: body.title,
        businessCase: body.business_case,
        scope: serviceScope(body.scope),
        findingKeys: body.finding_keys,
        cabTicket: body.cab_ticket,
        reviewAt: parseReviewDate(body.review_at),
        links: body.links,
      });
      return {
        status: 201,
        body: await exceptionDetail(db, workspaceId, id),
        headers: { location: `/api/v1/exceptions/${encodeURIComponent(id)}?ws=${encodeURIComponent(workspaceId)}` },
      };
    },
  }),
];
