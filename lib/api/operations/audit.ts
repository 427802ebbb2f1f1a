// The audit log, with the Audit log page's filters and every field of the hash chain, so an integrator can
// recompute each event's hash (lib/audit/chain.ts hashEvent) and check each prev_hash against the event before.
import { z } from 'zod';
import { auditEventPage, auditSignaturePage, auditWhere } from '@/lib/audit/queries.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { decodeCursor, listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';
import { iso, Timestamp } from '../schemas.ts';

/** A whole UTC day, YYYY-MM-DD, that exists (2026-02-30 is refused, not rolled over to March). */
export const utcDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a real date');

/** A [time, id] keyset cursor, checked so a forged time is a 400, never a failed query. */
export function timeIdCursor(cursor: string | undefined): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at, id] = key;
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)))
    throw new ApiProblem('invalid-cursor', 'cursor: pass back a next_cursor this list gave, unchanged.', {
      errors: [{ field: 'query.cursor', message: 'not a cursor of this list' }],
    });
  return [at, id];
}

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

const AuditEvent = z
  .object({
    seq: z.number().int().min(1).meta({ description: 'Position in the chain: 1, 2, 3 … without gaps.' }),
    at: Timestamp,
    actor_id: z.string().nullable(),
    actor_label: z.string().meta({ description: 'Who: an email, "system", or an API token with its owner.' }),
    role: z.string().nullable(),
    action: z.string(),
    target_type: z.string(),
    target_id: z.string().nullable(),
    workspace_id: z.string().nullable(),
    diff: z.unknown().meta({ description: 'What changed (redacted, canonical JSON as hashed).' }),
    request_id: z.string().nullable(),
    source_ip: z.string().nullable(),
    prev_hash: Hash.meta({ description: 'The hash of event seq − 1 (64 zeros for the first).' }),
    hash: Hash.meta({
      description:
        'SHA-256 (hex) of the canonical JSON (keys sorted at every depth) of {seq (as a string), at, actorId, ' +
        'actorLabel, role, action, targetType, targetId, workspaceId, diff, requestId, sourceIp, prevHash}.',
    }),
  })
  .meta({ id: 'AuditEvent', description: 'One append-only, hash-chained audit event.' });

type Row = Prisma.AuditEventGetPayload<object>;
function showEvent(e: Row): z.infer<typeof AuditEvent> {
  return {
    seq: Number(e.seq),
    at: iso(e.at),
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    role: e.role,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    workspace_id: e.workspaceId,
    diff: e.diff,
    request_id: e.requestId,
    source_ip: e.sourceIp,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

const AuditSignature = z
  .object({
    id: z.string(),
    seq: z.number().int().min(0).meta({ description: 'The head signed: the seq of the last event then (0: none).' }),
    hash: Hash.meta({ description: 'That event’s hash (64 zeros for an empty chain).' }),
    signature: z.string().meta({
      description: 'Ed25519, base64, over the UTF-8 text "tollgate-audit-head-v1\\nseq=<seq>\\nhash=<hash>\\n".',
    }),
    key_id: z.string().meta({ description: 'SHA-256 fingerprint of the public key.' }),
    public_key: z
      .string()
      .meta({ description: 'The signing key’s public half (PEM): check its key_id is the one you trust.' }),
    reason: z.string().meta({ description: 'Why it was signed: start, daily, export, on demand …' }),
    signed_at: Timestamp,
  })
  .meta({ id: 'AuditSignature', description: 'A signed head of the audit chain.' });

const text = (max: number, description: string) => z.string().trim().min(1).max(max).optional().meta({ description });

export const auditOperations = [
  defineOperation({
    id: 'listAuditEvents',
    method: 'GET',
    path: '/audit-events',
    tag: 'Audit',
    summary: 'Audit events, newest first (or oldest first with order=asc)',
    description:
      'A token of every workspace reads the whole log (every event, of a workspace or not), or one workspace’s ' +
      'with ws; a token of one workspace reads only that workspace’s. Walked from seq 1 with order=asc, the whole ' +
      'log verifies: each hash recomputes from its event’s fields and each prev_hash is the hash before it (a ' +
      'filtered walk skips events, so only the hashes recompute).',
    permission: 'audit:read',
    workspace: 'none',
    query: z.object({
      ...pageQuery,
      ws: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .meta({ description: 'Only this workspace’s events (a token of another workspace: 404).' }),
      actor: text(200, 'Actor label contains this (case-insensitive).'),
      action: text(100, 'Action starts with this, e.g. "review." or "exception.approve".'),
      target: text(200, 'Target type or target id, exactly.'),
      from: utcDay.optional().meta({ description: 'On or after this UTC day (YYYY-MM-DD).' }),
      to: utcDay.optional().meta({ description: 'On or before this UTC day (YYYY-MM-DD).' }),
      after_seq: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .meta({ description: 'Only events after this seq: poll for new events with order=asc.' }),
      order: z.enum(['desc', 'asc']).default('desc').meta({ description: 'By seq; desc (default) is newest first.' }),
    }),
    responses: { 200: { description: 'A page of audit events.', schema: listOf(AuditEvent) } },
    async handle({ db, token, query, request }) {
      const { limit, cursor, ws: _ws, after_seq: afterSeq, order, ...filter } = query;
      // The handler keeps `ws` out of the parsed query (it is its own for workspace operations), after refusing it
      // twice: read it here (the schema only documents it). An unknown workspace is a 404, as elsewhere.
      const ws = new URL(request.url).searchParams.get('ws') ?? undefined;
      if (token.workspaceId && ws !== undefined && ws !== token.workspaceId)
        throw new ApiProblem('not-found', 'No such workspace.');
      const workspaceId = token.workspaceId ?? ws;
      if (workspaceId && !(await db.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } })))
        throw new ApiProblem('not-found', 'No such workspace.');
      const last = decodeCursor(cursor, 1);
      if (last && typeof last[0] !== 'number')
        throw new ApiProblem('invalid-cursor', 'cursor: pass back a next_cursor this list gave, unchanged.', {
          errors: [{ field: 'query.cursor', message: 'not a cursor of this list' }],
        });
      const rows = await auditEventPage(
        db,
        { AND: [auditWhere(filter), workspaceId ? { workspaceId } : {}] },
        {
          order,
          after: last ? BigInt(last[0]!) : null,
          afterSeq: afterSeq !== undefined ? BigInt(afterSeq) : null,
          take: limit + 1,
        },
      );
      return { status: 200, body: pageOf(rows, limit, (e) => [Number(e.seq)], showEvent) };
    },
  }),
  defineOperation({
    id: 'listAuditSignatures',
    method: 'GET',
    path: '/audit-signatures',
    tag: 'Audit',
    summary: 'Signed heads of the audit chain, newest first',
    description:
      'With the events up to a signed seq, a client proves the log it read is the one the install signed. The ' +
      'heads cover every workspace’s events: a token of every workspace reads them, a token of one is refused.',
    permission: 'audit:read',
    workspace: 'none',
    query: z.object(pageQuery),
    responses: { 200: { description: 'A page of signed heads.', schema: listOf(AuditSignature) } },
    async handle({ db, token, query }) {
      if (token.workspaceId)
        throw new ApiProblem('forbidden', 'Signed heads cover every workspace: use a token of every workspace.');
      const rows = await auditSignaturePage(db, timeIdCursor(query.cursor), query.limit + 1);
      const body = pageOf(
        rows,
        query.limit,
        (s) => [iso(s.signedAt), s.id],
        (s) => ({
          id: s.id,
          seq: Number(s.seq),
          hash: s.hash,
          signature: s.signature,
          key_id: s.keyId,
          public_key: s.publicKey,
          reason: s.reason,
          signed_at: iso(s.signedAt),
        }),
      );
      return { status: 200, body };
    },
  }),
];
